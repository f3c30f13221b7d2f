/**
 * `kustomer-escalation`: the core, for hosts that wire things themselves: the Kustomer client,
 * the escalation service, the stores and the contracts of the HTTP API. Server-only (Node).
 */
export { createKustomerClient, createKustomerClientFromConfig } from '../kustomer/client.js';
export type { KustomerClientOptions } from '../kustomer/client.js';
export {
  loadKustomerConfig,
  type KustomerConfig,
  type KustomerRegion,
} from '../kustomer/config.js';
export * from '../kustomer/errors.js';
export type * from '../kustomer/types.js';
export { silentLogger, type Logger, type LogLevel } from '../platform/logger.js';
export { createEscalationService } from '../escalation/service.js';
export type { EscalationServiceHandle, EscalationServiceOptions } from '../escalation/service.js';
export {
  createSettingsService,
  defaultSettings,
  isSettingsValidationError,
  SettingsValidationError,
} from '../escalation/settings.js';
export type * from '../escalation/types.js';
export {
  createFileStore,
  createMemoryStore,
  createRedisStore,
  createStore,
  isStoreUnavailable,
  StoreUnavailableError,
  type StoreOptions,
} from '../escalation/stores/index.js';
export { UnknownEscalationError } from '../escalation/store.js';
export type { EscalationStore, StoreKind } from '../escalation/store.js';
export type { EscalationPatch, EscalationRecord } from '../escalation/record.js';
export type {
  CountersPort,
  EventsPort,
  LeasesPort,
  RecordsPort,
  ServerValuesPort,
  SettingsPort,
  StatsPort,
  StoreHealth,
  StorePorts,
} from '../escalation/store.js';
export * from '../shared/escalation.js';
export * from '../shared/live-chat.js';
export * from '../shared/settings.js';
export type { IntegrationStatus, ConnectionResult, OutboxItem } from '../shared/integration.js';
export type { ApiErrorBody } from '../shared/api-error.js';

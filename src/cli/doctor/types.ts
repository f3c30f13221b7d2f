/**
 * The doctor's vocabulary. Gathering (facts.ts) does all the I/O once; each check is a pure
 * function of the facts, so a test can drive any check with a misconfigured environment.
 */
import type { OutboxSummary } from '../../escalation/types.js';
import type { StoreKind } from '../../escalation/store.js';
import type { StoreDurability } from '../../escalation/stores/durability.js';
import type { KustomerConfig } from '../../kustomer/config.js';
import type { AuthToken, Team } from '../../kustomer/types.js';
import type { ConnectionError, PermissionReport, SlaCheck } from '../../shared/integration.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import type { WebhookState } from '../../shared/webhook-state.js';
import type { ServerEnv } from '../../server/env.js';
import type { Environment } from '../environment.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable id, e.g. `permission.customer.read`, for --json consumers and tests. */
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** How to fix it; null for a pass. */
  fix: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ConnectionFacts {
  mode: 'live' | 'sandbox';
  baseUrl: string;
  latencyMs: number | null;
  token: AuthToken | null;
  permissions: PermissionReport | null;
  /** Why the connection check failed (wrong_region with its fix; outage: Kustomer unreachable). */
  error: ConnectionError | null;
  teams: Outcome<Team[]> | null;
  /** The org's SLA policies against the bot transcript (absent: not probed). */
  sla?: SlaCheck | null;
  /** Last x-ratelimit-* headers seen during the probe. */
  rateLimit: { limit: number | null; remaining: number | null };
}

export interface StoreFacts {
  kind: StoreKind;
  where: string;
  /** null: not opened (e.g. the file store folder does not exist yet). */
  reachable: Outcome<true>;
  /** Set when another process holds the file store: the doctor cannot open it itself. */
  lockedBy: string | null;
  /** While locked: the running server the settings and outbox were read through, or why not. */
  readThrough: Outcome<string> | null;
  summary: OutboxSummary | null;
  /** The settings as stored (unvalidated), or null when none were saved. */
  storedSettings: unknown;
  /** Whether it keeps what it stored through its own crash; null when it was not read. */
  durability: StoreDurability | null;
}

export interface DoctorFacts {
  env: Environment;
  now: number;
  production: boolean;
  onVercel: boolean;
  /** The store kind the environment asks for, worked out the way the server does. */
  storeKind: StoreKind | null;
  kustomer: Outcome<KustomerConfig>;
  server: Outcome<ServerEnv>;
  expectedPerHour: number | null;
  connection: ConnectionFacts | null;
  store: StoreFacts | null;
  /** Effective settings: stored ones when valid, else the environment's defaults. */
  settings: IntegrationSettings | null;
  /** `server`: read through the running server, which holds the file store. */
  settingsSource: 'store' | 'server' | 'environment' | null;
  /** Why the settings could not be read, said plainly by the checks that skip for it. */
  settingsUnreadable: string | null;
  /** The outbound webhook as the Integrations page sees it; null when the env does not load. */
  webhook: Outcome<WebhookState> | null;
}

export type Check = (facts: DoctorFacts) => CheckResult | CheckResult[];

export const pass = (id: string, title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'pass',
  detail,
  fix: null,
});
export const warn = (id: string, title: string, detail: string, fix: string): CheckResult => ({
  id,
  title,
  status: 'warn',
  detail,
  fix,
});
export const fail = (id: string, title: string, detail: string, fix: string): CheckResult => ({
  id,
  title,
  status: 'fail',
  detail,
  fix,
});
export const skip = (id: string, title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'skip',
  detail,
  fix: null,
});

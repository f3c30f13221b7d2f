/**
 * What a caller passes to createEscalationService, and the defaults it resolves to once.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../platform/logger.js';
import type { KustomerClient } from '../kustomer/types.js';
import type { EscalationRequest } from '../shared/escalation.js';
import { resolveBackoff, type BackoffConfig, type BackoffOptions } from './backoff.js';
import { createBreaker, type Breaker, type BreakerOptions } from './breaker.js';
import type { AvailabilityCheck } from './availability/availability-check.js';
import type { EscalationStore } from './store.js';
import type { SettingsService } from './types.js';

export interface EscalationServiceOptions {
  client: KustomerClient;
  store: EscalationStore;
  settings: SettingsService;
  /** Epoch milliseconds. @default Date.now */
  clock?: () => number;
  /** @default silentLogger */
  logger?: Logger;
  /** Names this instance in leases. @default `${hostname}:${pid}:${random}` */
  owner?: string;
  /** Options for a new breaker, or a breaker to share. @default { threshold: 5, halfOpenAfterMs: 30000 } */
  breaker?: BreakerOptions | Breaker;
  /** Attempts before an escalation is dead. @default 12 */
  maxAttempts?: number;
  /** Age after which an undelivered escalation is dead. @default 86400000 (24 h) */
  maxAgeMs?: number;
  backoff?: BackoffOptions;
  /** Base URL of the chat app, for the link back to the session in the note. @default null */
  appUrl?: string | null;
  /** Link to a chat session. @default `${appUrl}/sessions/${sessionId}` when appUrl is set */
  sessionUrl?: (request: EscalationRequest) => string | null;
  /** Longest escalate() waits on Kustomer before answering queued. @default 4000 */
  escalateDeadlineMs?: number;
  /**
   * Longest one outbox delivery may take, and how long an escalation answered `escalated` goes
   * on in the background for its note and transcript (Kustomer's bulk jobs take seconds).
   * @default 30000
   */
  drainDeadlineMs?: number;
  /**
   * How long a transcript bulk job whose status cannot be read (or whose POST's answer was lost)
   * is given to land before the conversation is listed and only the missing lines are sent.
   * Kustomer documents no bound on how long a job may stay queued; longer means fewer risks of a
   * duplicate line, shorter means an earlier complete timeline. @default 300000 (5 minutes)
   */
  bulkSettleMs?: number;
  /**
   * Keeps a promise's host alive until it settles: the note and the transcript go on after the
   * caller was answered. On Vercel pass `waitUntil` from `@vercel/functions`; long-running hosts
   * need nothing (close() waits for them). @default none
   */
  keepAlive?: (work: Promise<unknown>) => void;
  /** @default 60000 (longer than any attempt's deadline) */
  leaseTtlMs?: number;
  /** Outbox deliveries in parallel. @default 4 */
  drainConcurrency?: number;
  /** Requests left in Kustomer's rate window that draining leaves to live escalations. @default 25 */
  drainReserve?: number;
  /** An escalation left mid-way this long (its instance died) is resumed by drain. @default 60000 */
  staleAfterMs?: number;
  /** How long webhook event ids are remembered. @default 604800000 (7 days) */
  eventTtlMs?: number;
  /**
   * Done and refused escalations (their transcripts and contact details) are deleted this long
   * after their last change, by each drain; 0 keeps them. Dead ones wait for an operator.
   * @default 2592000000 (30 days)
   */
  retentionMs?: number;
  /**
   * Checks business hours and agents before each escalation (bounded by its own budget); the
   * answer and the record carry the result. @default none (no availability is said)
   */
  availability?: AvailabilityCheck;
}

function isBreaker(value: BreakerOptions | Breaker | undefined): value is Breaker {
  return typeof (value as Breaker | undefined)?.execute === 'function';
}

function defaultSessionUrl(appUrl: string | null | undefined) {
  if (!appUrl) return () => null;
  const base = appUrl.replace(/\/+$/, '');
  return (request: EscalationRequest) =>
    `${base}/sessions/${encodeURIComponent(request.sessionId)}`;
}

export interface EscalationServiceConfig {
  clock: () => number;
  logger: Logger;
  owner: string;
  breaker: Breaker;
  maxAttempts: number;
  maxAgeMs: number;
  backoff: BackoffConfig;
  sessionUrl: (request: EscalationRequest) => string | null;
  escalateDeadlineMs: number;
  drainDeadlineMs: number;
  bulkSettleMs: number;
  keepAlive: (work: Promise<unknown>) => void;
  leaseTtlMs: number;
  drainConcurrency: number;
  drainReserve: number;
  staleAfterMs: number;
  eventTtlMs: number;
  retentionMs: number;
}

export function resolveServiceOptions(options: EscalationServiceOptions): EscalationServiceConfig {
  const config = resolve(options);
  // An attempt that outlived its lease could run beside the next one and write twice.
  const longest = Math.max(config.escalateDeadlineMs, config.drainDeadlineMs);
  if (config.leaseTtlMs <= longest) {
    throw new RangeError(
      `leaseTtlMs (${config.leaseTtlMs}) must be longer than the longest attempt deadline (${longest})`,
    );
  }
  return config;
}

function resolve(options: EscalationServiceOptions): EscalationServiceConfig {
  return {
    clock: options.clock ?? Date.now,
    logger: options.logger ?? silentLogger,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    breaker: isBreaker(options.breaker) ? options.breaker : createBreaker(options.breaker),
    maxAttempts: options.maxAttempts ?? 12,
    maxAgeMs: options.maxAgeMs ?? 86_400_000,
    backoff: resolveBackoff(options.backoff),
    sessionUrl: options.sessionUrl ?? defaultSessionUrl(options.appUrl),
    escalateDeadlineMs: options.escalateDeadlineMs ?? 4_000,
    drainDeadlineMs: options.drainDeadlineMs ?? 30_000,
    bulkSettleMs: options.bulkSettleMs ?? 300_000,
    keepAlive: options.keepAlive ?? (() => undefined),
    leaseTtlMs: options.leaseTtlMs ?? 60_000,
    drainConcurrency: options.drainConcurrency ?? 4,
    drainReserve: options.drainReserve ?? 25,
    staleAfterMs: options.staleAfterMs ?? 60_000,
    eventTtlMs: options.eventTtlMs ?? 604_800_000,
    retentionMs: options.retentionMs ?? 2_592_000_000,
  };
}

/**
 * Escalation records: how a new one starts, how a failure is classified, and the views the API
 * serves (status for the chat, outbox items for the Integrations page).
 */
import { isBrokenCircuitError } from 'cockatiel';
import { isKustomerError, isRateLimitError } from '../kustomer/errors.js';
import type {
  EscalatedResult,
  EscalationRequest,
  EscalationState,
  EscalationStatus,
} from '../shared/escalation.js';
import type { OutboxItem } from '../shared/integration.js';
import { maskIdentity } from './payload.js';
import type { EscalationRecord } from './store.js';

/** States in which an attempt is (or was, before a crash) working through the steps. */
export const IN_PROGRESS_STATES: EscalationState[] = [
  'received',
  'customer_resolved',
  'conversation_created',
  'transcript_synced',
];
export const OUTBOX_STATES: EscalationState[] = ['queued', 'retrying', 'dead'];

/** Our own per-call deadline ran out; the request may still land, so it is as ambiguous as a timeout. */
export class DeadlineError extends Error {
  readonly code = 'deadline';
  constructor(ms: number) {
    super(`Escalation did not finish within ${ms} ms; it continues from the outbox`);
    this.name = 'DeadlineError';
  }
}

export function newRecord(request: EscalationRequest, nowIso: string): EscalationRecord {
  return {
    escalationId: request.escalationId,
    request,
    state: 'received',
    customerId: null,
    conversationId: null,
    routing: null,
    transcriptSynced: false,
    noteCreated: false,
    mayHaveLanded: true,
    result: null,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    replies: [],
    closed: false,
    closedAt: null,
    lastConversationEventAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

export interface Failure {
  code: string;
  message: string;
  /** Worth trying again later without anyone changing anything. */
  retryable: boolean;
  /** Machine-readable cause for the queued result. */
  reason: string;
  retryAfterMs: number;
  /** False when no request was made (breaker open), so the attempt does not count. */
  countsAsAttempt: boolean;
  /** See EscalationRecord.mayHaveLanded. */
  mayHaveLanded: boolean;
}

const partialWrites = new WeakSet<object>();

/**
 * Marks the failure of an operation that makes several writes (a transcript in chunks): however
 * clean its last refusal, the writes before it landed, so the retry must look before it writes.
 */
export function afterPartialWrites(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) partialWrites.add(error);
  return error;
}

/**
 * Whether the request that failed may still have written something. Only answers that prove
 * Kustomer did not process it are safe: a 4xx (rejected, including 429) and a 503 (not taken in);
 * a request never sent (breaker open, the client's own rate budget) is safe too.
 */
export function failureMayHaveLanded(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && partialWrites.has(error)) return true;
  if (isBrokenCircuitError(error)) return false;
  if (!isKustomerError(error)) return true;
  if (isRateLimitError(error)) return false;
  const status = error.status;
  if (status === undefined) return error.code !== 'config';
  return !((status >= 400 && status < 500) || status === 503);
}

export function classifyFailure(error: unknown): Failure {
  if (isBrokenCircuitError(error)) {
    const message = 'Kustomer is failing; the circuit breaker is open';
    return {
      code: 'breaker_open',
      message,
      retryable: true,
      reason: 'breaker_open',
      retryAfterMs: 0,
      countsAsAttempt: false,
      mayHaveLanded: false,
    };
  }
  if (error instanceof DeadlineError) {
    return {
      code: 'deadline',
      message: error.message,
      retryable: true,
      reason: 'kustomer_slow',
      retryAfterMs: 0,
      countsAsAttempt: true,
      mayHaveLanded: true,
    };
  }
  if (isKustomerError(error)) {
    const retryAfterMs = isRateLimitError(error) ? error.retryAfterMs : 0;
    const reason = isRateLimitError(error)
      ? 'rate_limited'
      : error.retryable
        ? 'kustomer_unavailable'
        : 'needs_attention';
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      reason,
      retryAfterMs,
      countsAsAttempt: true,
      mayHaveLanded: failureMayHaveLanded(error),
    };
  }
  // A fault of ours (store hiccup, bug): retry, and maxAttempts turns a persistent one into dead.
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message,
    retryable: true,
    reason: 'internal_error',
    retryAfterMs: 0,
    countsAsAttempt: true,
    mayHaveLanded: true,
  };
}

export function escalatedResult(
  record: EscalationRecord,
  conversationUrl: (id: string) => string | null,
): EscalatedResult {
  const routing = record.routing;
  if (!record.customerId || !record.conversationId || !routing) {
    throw new Error(`Escalation ${record.escalationId} is not complete`);
  }
  return {
    status: 'escalated',
    escalationId: record.escalationId,
    customerId: record.customerId,
    conversationId: record.conversationId,
    team: routing.teamId ? { id: routing.teamId, name: routing.teamName ?? routing.teamId } : null,
    priority: routing.priority,
    conversationUrl: conversationUrl(record.conversationId),
  };
}

export function toStatus(
  record: EscalationRecord,
  conversationUrl: (id: string) => string | null,
): EscalationStatus {
  const routing = record.routing;
  return {
    escalationId: record.escalationId,
    state: record.state,
    result: record.result,
    team: routing?.teamId ? { id: routing.teamId, name: routing.teamName ?? routing.teamId } : null,
    priority: routing?.priority ?? null,
    conversationId: record.conversationId,
    conversationUrl: record.conversationId ? conversationUrl(record.conversationId) : null,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
    replies: record.replies,
    closed: record.closed,
    closedAt: record.closedAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toOutboxItem(record: EscalationRecord): OutboxItem {
  return {
    escalationId: record.escalationId,
    state: record.state,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
    lastError: record.lastError,
    createdAt: record.createdAt,
    customer: maskIdentity(record.request.customer),
    reason: record.request.reason,
    test: record.request.test ?? false,
  };
}

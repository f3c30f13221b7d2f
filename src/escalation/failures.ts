/**
 * How a failed attempt is classified: retryable or not, the reason the chat is told, how long to
 * wait, and whether something may have been written in Kustomer without our knowing, which
 * decides whether the next attempt looks resources up before creating them.
 */
import { isBrokenCircuitError } from 'cockatiel';
import type { QueuedReason } from '../shared/escalation.js';
import { isKustomerError, isRateLimitError } from '../kustomer/errors.js';
import { isBulkJobPending } from '../kustomer/resources/bulk-jobs.js';

/** Our own per-call deadline ran out; the request may still land, so it is as ambiguous as a timeout. */
export class DeadlineError extends Error {
  readonly code = 'deadline';
  constructor(ms: number) {
    super(`Escalation did not finish within ${ms} ms; it continues from the outbox`);
    this.name = 'DeadlineError';
  }
}

export interface Failure {
  code: string;
  message: string;
  /** Worth trying again later without anyone changing anything. */
  retryable: boolean;
  /** Machine-readable cause for the queued result. */
  reason: QueuedReason;
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
 * Whether the request that failed may still have written something: what the error factory
 * decided for a Kustomer failure (kustomer/failure-class.ts), always after partial writes, never
 * when the breaker kept the request from being sent, and always for a fault we cannot classify.
 */
export function failureMayHaveLanded(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && partialWrites.has(error)) return true;
  if (isBrokenCircuitError(error)) return false;
  return isKustomerError(error) ? error.mayHaveLanded : true;
}

export function classifyFailure(error: unknown, now = Date.now()): Failure {
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
  if (isBulkJobPending(error)) {
    // Not a failure: the transcript's job is running or settling; come back when it can be judged.
    return {
      code: 'bulk_job_pending',
      message: error.message,
      retryable: true,
      reason: 'kustomer_slow',
      retryAfterMs: Math.max(0, error.retryAt - now),
      countsAsAttempt: false,
      mayHaveLanded: true,
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
      : error.transient
        ? 'kustomer_unavailable'
        : 'needs_attention';
    return {
      code: error.code,
      message: error.message,
      retryable: error.transient,
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

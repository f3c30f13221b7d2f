/**
 * One delivery attempt of one escalation: take the lease (so no other instance works on it at the
 * same time), run the remaining steps within a deadline, and persist the outcome: done, back in
 * the outbox with a later nextAttemptAt, or dead when retrying cannot help.
 *
 * Two deadlines: `deadlineMs` to reach the answer (the conversation exists and is routed), then
 * `finishDeadlineMs` from the start for the note and the transcript, which go on after the caller
 * was answered. Once answered `escalated`, an escalation stays so: a later failure of the timeline
 * puts it back in the outbox with that result kept, and the drain finishes it.
 */
import type { Logger } from '../platform/logger.js';
import type { CallOptions } from '../kustomer/types.js';
import type { EscalatedResult, EscalationResult, EscalationState } from '../shared/escalation.js';
import type { IntegrationSettings } from '../shared/settings.js';
import { retryDelay, type BackoffConfig } from './backoff.js';
import { DeadlineError, classifyFailure } from './failures.js';
import { escalatedResult } from './records.js';
import { runSteps, type StepDeps, type StepRun } from './steps.js';
import type { EscalationRecord } from './record.js';
import type { StorePorts } from './store.js';

export interface AttemptConfig {
  owner: string;
  /** See EscalationServiceOptions.bulkSettleMs. */
  bulkSettleMs: number;
  leaseTtlMs: number;
  maxAttempts: number;
  maxAgeMs: number;
  backoff: BackoffConfig;
}

export interface AttemptDeps extends StepDeps {
  store: StorePorts<'records' | 'leases'>;
  clock: () => number;
  logger: Logger;
  config: AttemptConfig;
}

export interface AttemptOptions {
  settings: IntegrationSettings;
  resume: boolean;
  deadlineMs: number;
  lane: CallOptions['lane'];
  /** The state a retryable failure leaves the record in. */
  failState: 'queued' | 'retrying';
  /** Once answered, the attempt may go on until this long after its start. @default deadlineMs */
  finishDeadlineMs?: number;
  /** Called once, when the conversation exists and is routed. */
  onAnswer?: (result: EscalatedResult) => void;
  /** See StepRun.availability. */
  availability?: StepRun['availability'];
}

export type AttemptOutcome =
  { kind: 'leased' } | { kind: 'finished'; result: EscalationResult; state: EscalationState };

const iso = (ms: number) => new Date(ms).toISOString();

async function persistFailure(
  deps: AttemptDeps,
  start: EscalationRecord,
  error: unknown,
  failState: AttemptOptions['failState'],
  earlierMayHaveLanded: boolean,
): Promise<AttemptOutcome> {
  const { store, clock, config } = deps;
  const now = clock();
  const failure = classifyFailure(error, now);
  const latest = (await store.records.get(start.escalationId)) ?? start;
  const attempts = latest.attempts + (failure.countsAsAttempt ? 1 : 0);
  const tooOld = now - Date.parse(latest.createdAt) >= config.maxAgeMs;
  const lastError = { code: failure.code, message: failure.message };
  // A refusal proves only that this attempt wrote nothing; what an earlier one may have left
  // unseen is still there to be looked up.
  const mayHaveLanded = failure.mayHaveLanded || earlierMayHaveLanded;
  // The conversation exists and the caller was told so: only the timeline is still to come.
  const answered = latest.result?.status === 'escalated' ? latest.result : null;
  if (!failure.retryable || attempts >= config.maxAttempts || tooOld) {
    // Kept (and replayable with retryNow) for an operator; the chat can still say it was saved.
    const result: EscalationResult = answered ?? {
      status: 'queued',
      escalationId: start.escalationId,
      reason: 'needs_attention',
      retryAt: iso(now),
    };
    await store.records.update(start.escalationId, {
      state: 'dead',
      attempts,
      nextAttemptAt: null,
      lastError,
      mayHaveLanded,
      result,
    });
    deps.logger.error('escalation dead', {
      escalationId: start.escalationId,
      code: failure.code,
      attempts,
    });
    return { kind: 'finished', result, state: 'dead' };
  }
  const nextAt = now + retryDelay(config.backoff, Math.max(1, attempts), failure.retryAfterMs);
  const result: EscalationResult = answered ?? {
    status: 'queued',
    escalationId: start.escalationId,
    reason: failure.reason,
    retryAt: iso(nextAt),
  };
  await store.records.update(start.escalationId, {
    state: failState,
    attempts,
    nextAttemptAt: iso(nextAt),
    lastError,
    mayHaveLanded,
    result,
  });
  deps.logger.warn('escalation queued', {
    escalationId: start.escalationId,
    code: failure.code,
    attempts,
    retryAt: iso(nextAt),
  });
  return { kind: 'finished', result, state: failState };
}

async function work(
  deps: AttemptDeps,
  record: EscalationRecord,
  options: AttemptOptions,
  signal: AbortSignal,
  deadlineAt: number,
) {
  // Lookups before creates only where an earlier attempt may have written unseen.
  const resume = options.resume && record.mayHaveLanded !== false;
  try {
    // From here on a write may land; a crash before the outcome is stored must leave that known.
    if (record.mayHaveLanded === false)
      record = await deps.store.records.update(record.escalationId, { mayHaveLanded: true });
    const run = {
      settings: options.settings,
      resume,
      signal,
      lane: options.lane,
      maxWaitMs: options.deadlineMs,
      deadlineAt,
      bulkSettleMs: deps.config.bulkSettleMs,
      ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
      ...(options.availability ? { availability: options.availability } : {}),
    };
    const synced = await runSteps(deps, run, record);
    const result = escalatedResult(synced, (id) => deps.client.conversationUrl(id));
    const patch = {
      state: 'done' as const,
      result,
      nextAttemptAt: null,
      lastError: null,
      attempts: synced.attempts + 1,
    };
    await deps.store.records.update(record.escalationId, patch);
    deps.logger.info('escalated', {
      escalationId: record.escalationId,
      conversationId: result.conversationId,
    });
    return { kind: 'finished', result, state: 'done' } as const;
  } catch (error) {
    return persistFailure(deps, record, error, options.failState, resume);
  }
}

export function createAttempter(deps: AttemptDeps) {
  let sequence = 0;
  return async function attempt(
    record: EscalationRecord,
    options: AttemptOptions,
  ): Promise<AttemptOutcome> {
    // A token per attempt: two attempts in the same process must exclude each other too.
    const token = `${deps.config.owner}:${++sequence}`;
    if (!(await deps.store.leases.acquire(record.escalationId, token, deps.config.leaseTtlMs))) {
      return { kind: 'leased' };
    }
    const controller = new AbortController();
    const startedAt = deps.clock();
    const finishMs = Math.max(options.deadlineMs, options.finishDeadlineMs ?? options.deadlineMs);
    const abortAfter = (ms: number) =>
      setTimeout(() => controller.abort(new DeadlineError(ms)), Math.max(0, ms));
    let timer = abortAfter(options.deadlineMs);
    const onAnswer = (result: EscalatedResult) => {
      // Answered in time: the note and the transcript get the rest of the longer deadline.
      clearTimeout(timer);
      timer = abortAfter(finishMs - (deps.clock() - startedAt));
      options.onAnswer?.(result);
    };
    try {
      // Re-read under the lease: another instance may have finished steps since we listed it.
      const current = (await deps.store.records.get(record.escalationId)) ?? record;
      if (current.state === 'done' && current.result) {
        return { kind: 'finished', result: current.result, state: 'done' };
      }
      return await work(
        deps,
        current,
        { ...options, onAnswer },
        controller.signal,
        startedAt + finishMs,
      );
    } finally {
      clearTimeout(timer);
      await deps.store.leases.release(record.escalationId, token).catch((error: unknown) => {
        deps.logger.warn('lease release failed', {
          escalationId: record.escalationId,
          error: String(error),
        });
      });
    }
  };
}

/**
 * The escalation service: turns a validated EscalationRequest into a Kustomer conversation
 * exactly once, or stores it durably in the outbox and answers `queued` at once.
 *
 * Outcomes for the caller:
 * - `escalated`: the conversation exists in Kustomer.
 * - `queued` with a retry reason (kustomer_unavailable, rate_limited, breaker_open, kustomer_slow,
 *   integration_disabled, in_progress): saved, and will be delivered automatically.
 * - `queued` with reason `needs_attention`: Kustomer rejected it for a reason retrying cannot fix
 *   (validation, auth, permission). The record is `dead`, kept, shown in the outbox, and an
 *   operator can replay it with retryNow after fixing the cause. The customer's request is still
 *   saved, which is what the chat tells them; only the delivery time is unknown.
 * - `refused`: the integration is switched off and settings say refuse (stored all the same).
 *
 * A repeated escalationId (double click, replay) returns the first outcome or the current one;
 * the work is never done twice. A repeat from another chat session is refused (see
 * session-conflict.ts).
 */
import { answerFirst, createBackground } from './answer-first.js';
import type { EscalationRequest, EscalationResult } from '../shared/escalation.js';
import { createAttempter, type AttemptOptions } from './attempt.js';
import { createDrain, startDrainLoop } from './drain.js';
import { createOutboxViews } from './outbox.js';
import { maskRequest } from './privacy.js';
import { disabledRecord, isFinished, newRecord } from './records.js';
import { createRetention } from './retention.js';
import { resolveServiceOptions, type EscalationServiceOptions } from './service-options.js';
import { ensureSameSession } from './session-conflict.js';
import type { EscalationRecord } from './record.js';
import type { EscalationService } from './types.js';
import { createWebhookHandlers } from './webhooks.js';
import { createChangeSignal, notifyingStore } from './live/change-signal.js';
import { createLiveChat, type LiveChat } from './live/live-chat.js';
import { availabilityFor } from './availability/escalation-availability.js';
import type { AvailabilitySnapshot } from '../shared/availability.js';

export type { EscalationServiceOptions } from './service-options.js';

export interface EscalationServiceHandle extends EscalationService {
  /** Drains the outbox every intervalMs (for long-running hosts); close() stops it too. */
  startDrainer(options?: { intervalMs?: number }): { stop(): Promise<void> };
  /** The conversation after the hand-off: later messages and the chat's events. */
  chat: LiveChat;
  /** Resolves when the work that went on after answering (notes, transcripts) has settled. */
  idle(): Promise<void>;
}

export function createEscalationService(
  options: EscalationServiceOptions,
): EscalationServiceHandle {
  const { client } = options;
  // Every write wakes this instance's event streams of that escalation at once.
  const signal = createChangeSignal();
  const store = notifyingStore(options.store, signal);
  const config = resolveServiceOptions(options);
  const { clock, logger, breaker, leaseTtlMs } = config;
  const attempt = createAttempter({
    client,
    store,
    breaker,
    clock,
    logger,
    sessionUrl: config.sessionUrl,
    config: {
      owner: config.owner,
      bulkSettleMs: config.bulkSettleMs,
      leaseTtlMs,
      maxAttempts: config.maxAttempts,
      maxAgeMs: config.maxAgeMs,
      backoff: config.backoff,
    },
  });
  const deliver = createDrain({
    store,
    client,
    breaker,
    clock,
    settings: () => options.settings.get(),
    attempt,
    config: {
      deadlineMs: config.drainDeadlineMs,
      concurrency: config.drainConcurrency,
      reserve: config.drainReserve,
      staleAfterMs: config.staleAfterMs,
    },
  });
  const chat = createLiveChat({
    client,
    store,
    breaker,
    clock,
    logger,
    signal,
    settings: () => options.settings.get(),
    config: {
      owner: config.owner,
      leaseTtlMs,
      backoff: config.backoff,
      sendDeadlineMs: config.escalateDeadlineMs,
      drainDeadlineMs: config.drainDeadlineMs,
    },
  });
  const purgeExpired = createRetention({ store, clock, logger, retentionMs: config.retentionMs });
  /** Delivers what is due (escalations, then the messages waiting on them), then retention. */
  const drain: EscalationService['drain'] = async (drainOptions) => ({
    ...(await deliver(drainOptions)),
    messagesDelivered: await chat.drain(drainOptions),
    purged: await purgeExpired(),
  });
  const webhooks = createWebhookHandlers(store, { eventTtlMs: config.eventTtlMs, clock });
  const views = createOutboxViews(store, (id) => client.conversationUrl(id));
  const inflight = new Map<
    string,
    { request: EscalationRequest; promise: Promise<EscalationResult> }
  >();
  const drainers = new Set<{ stop(): Promise<void> }>();
  const iso = (ms: number) => new Date(ms).toISOString();

  async function storeWhileDisabled(request: EscalationRequest, whenDisabled: 'refuse' | 'queue') {
    const record = disabledRecord(request, whenDisabled, iso(clock()));
    const stored = await store.records.insert(record);
    if (!stored.inserted) ensureSameSession(stored.record, request);
    return stored.record.result ?? record.result;
  }

  const background = createBackground(config.keepAlive);

  /**
   * The record's outcome so far, else an attempt: the first, or a resume if it was left mid-way.
   * The caller is answered as soon as the conversation exists (or the attempt ends without one);
   * the note and the transcript go on in the background under the attempt's lease.
   */
  async function outcomeOf(
    record: EscalationRecord,
    attemptOptions: AttemptOptions,
  ): Promise<EscalationResult> {
    if (record.result) return record.result;
    const first = await answerFirst(background, (onAnswer) =>
      attempt(record, { ...attemptOptions, onAnswer }),
    );
    if ('status' in first) return first;
    if (first.kind === 'finished') return first.result;
    // Another attempt holds the lease (a double click, a drain): it answers when it finishes.
    return {
      status: 'queued',
      escalationId: record.escalationId,
      reason: 'in_progress',
      retryAt: iso(clock() + leaseTtlMs),
    };
  }

  async function run(raw: EscalationRequest): Promise<EscalationResult> {
    const settings = await options.settings.get();
    // Card numbers never reach the store or Kustomer (privacy.ts).
    const request = maskRequest(raw, settings.privacy);
    if (!settings.enabled) return storeWhileDisabled(request, settings.whenDisabled);
    const { inserted, record } = await store.records.insert(newRecord(request, iso(clock())));
    if (!inserted) ensureSameSession(record, request);
    // A new escalation's availability is checked beside its customer lookup, not before it: only
    // the answer and the note say it, so the conversation step waits for it after the create.
    // Bounded and never failing (availability-check.ts): out of hours it still goes to Kustomer.
    // A repeat keeps the first check's snapshot.
    const availability =
      inserted && options.availability
        ? availabilityFor(options.availability, request, settings, clock()).catch(() => undefined)
        : Promise.resolve(record.availability);
    const attemptOptions: AttemptOptions = {
      settings,
      resume: !inserted,
      deadlineMs: config.escalateDeadlineMs,
      finishDeadlineMs: config.drainDeadlineMs,
      lane: 'escalation',
      failState: 'queued',
      availability,
    };
    const result = await outcomeOf(record, attemptOptions);
    const snapshot = await availability;
    if (!snapshot || result.status === 'refused') return result;
    // Escalated: the conversation step stored it. Queued: stored here, before the chat is told.
    if (result.status === 'queued') await keepAvailability(record.escalationId, snapshot);
    return { ...result, availability: snapshot };
  }

  /** Stores the snapshot on a record that has none yet (analytics, the note of a later attempt). */
  async function keepAvailability(escalationId: string, availability: AvailabilitySnapshot) {
    await store.records.updateWhere(escalationId, (r) =>
      r.availability ? null : { availability },
    );
  }

  async function retryNow(escalationId: string): Promise<EscalationResult | null> {
    const record = await store.records.get(escalationId);
    if (!record) return null;
    if (isFinished(record)) return record.result;
    const settings = await options.settings.get();
    if (!settings.enabled) return record.result;
    // A manual replay of a dead escalation gets a fresh set of attempts.
    const start =
      record.state === 'dead' ? await store.records.update(escalationId, { attempts: 0 }) : record;
    const outcome = await attempt(start, {
      settings,
      resume: true,
      deadlineMs: config.drainDeadlineMs,
      lane: 'escalation',
      failState: 'retrying',
    });
    return outcome.kind === 'finished' ? outcome.result : record.result;
  }

  return {
    escalate(request) {
      const pending = inflight.get(request.escalationId);
      if (pending) {
        // A double click on this instance shares the first call's outcome.
        return Promise.resolve()
          .then(() => ensureSameSession(pending, request))
          .then(() => pending.promise);
      }
      const promise = run(request).finally(() => inflight.delete(request.escalationId));
      inflight.set(request.escalationId, { request, promise });
      return promise;
    },
    status: views.status,
    drain,
    retryNow,
    outbox: views.outbox,
    outboxSummary: views.summary,
    purgeDead: () => store.records.purgeDead(),
    breakerState: () => breaker.state(),
    chat,
    recordAgentReply: webhooks.recordAgentReply,
    recordConversationUpdate: webhooks.recordConversationUpdate,
    startDrainer({ intervalMs = 10_000 } = {}) {
      const loop = startDrainLoop(
        () => drain(),
        intervalMs,
        (error) =>
          logger.error('outbox drain failed', {
            error: error instanceof Error ? error.message : String(error),
          }),
      );
      const handle = {
        stop: async () => {
          drainers.delete(handle);
          await loop.stop();
        },
      };
      drainers.add(handle);
      return handle;
    },
    idle: background.idle,
    async close() {
      await Promise.all([...drainers].map((d) => d.stop()));
      await Promise.allSettled([...inflight.values()].map((p) => p.promise));
      await background.idle();
      await store.close();
    },
  };
}

/**
 * Delivering an escalation's later chat messages to its Kustomer conversation, in order and
 * exactly once: under a lease of their own (so one delivery at a time across every instance),
 * each message marked delivered before the next is sent, and after a failure that may have
 * written unseen (a timeout, a reset, a crash) the conversation's messages are listed first and
 * those whose externalId is there are marked, not sent again — as the escalation itself does.
 * Messages typed before the conversation exists wait for it.
 */
import type { Logger } from '../../platform/logger.js';
import type { CallOptions, KustomerClient } from '../../kustomer/types.js';
import { retryDelay, type BackoffConfig } from '../backoff.js';
import type { Breaker } from '../breaker.js';
import { DeadlineError, classifyFailure } from '../failures.js';
import { makeCall, type Call } from '../call.js';
import { UnknownEscalationError, type StorePorts } from '../store.js';
import type { EscalationRecord } from '../record.js';
import {
  IDLE_OUTBOX,
  liveExternalId,
  markDelivered,
  outboxOf,
  pendingMessages,
} from './chat-messages.js';
import { uploadedAttachment } from './attachment-upload.js';

export interface MessageDeliveryDeps {
  client: KustomerClient;
  store: StorePorts<'records' | 'leases'>;
  breaker: Breaker;
  clock: () => number;
  logger: Logger;
  config: {
    owner: string;
    leaseTtlMs: number;
    backoff: BackoffConfig;
    /** How long messages wait before looking again for a conversation not yet created. */
    awaitEscalationMs: number;
  };
}

export type DeliveryOutcome =
  { kind: 'leased' } | { kind: 'delivered' } | { kind: 'waiting'; reason: string; retryAt: string };

export interface DeliveryOptions {
  deadlineMs: number;
  lane: CallOptions['lane'];
}

const leaseKey = (escalationId: string) => `${escalationId}#messages`;

export function createMessageDelivery(deps: MessageDeliveryDeps) {
  const { store, clock } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  let sequence = 0;

  /** Marks as delivered what an earlier, ambiguous attempt already put on the conversation. */
  async function reconcile(call: Call, record: EscalationRecord, conversationId: string) {
    const existing = await call((o) => deps.client.messages.listForConversation(conversationId, o));
    const byExternalId = new Map(existing.map((m) => [m.externalId, m.id]));
    const found = new Map<string, string | null>();
    for (const m of pendingMessages(record)) {
      const kustomerId = byExternalId.get(liveExternalId(record.escalationId, m.id));
      if (kustomerId !== undefined) found.set(m.id, kustomerId);
    }
    if (found.size === 0) return record;
    return (
      (await store.records.updateWhere(record.escalationId, (r) =>
        markDelivered(r, found, iso(clock())),
      )) ?? record
    );
  }

  async function sendPending(call: Call, start: EscalationRecord, conversationId: string) {
    let record = start;
    // Anything sent from here on may land unseen if we die: the next attempt must look first.
    if (!outboxOf(record).mayHaveLanded)
      record = await store.records.update(record.escalationId, {
        messageOutbox: { ...outboxOf(record), mayHaveLanded: true },
      });
    for (let pending = pendingMessages(record); pending.length > 0;) {
      const message = pending[0]!;
      const attachments = await uploadedAttachment(deps, call, record, message);
      const created = await call((o) =>
        deps.client.messages.createLive(
          conversationId,
          {
            externalId: liveExternalId(record.escalationId, message.id),
            text: message.text,
            sentAt: message.at,
            meta: { role: 'user', sessionId: record.request.sessionId, live: true },
            ...(attachments ? { attachments } : {}),
          },
          o,
        ),
      );
      const delivered = new Map([[message.id, created.id]]);
      record =
        (await store.records.updateWhere(record.escalationId, (r) =>
          markDelivered(r, delivered, iso(clock())),
        )) ?? (await store.records.get(record.escalationId))!;
      // Re-read each time: the customer may have sent more meanwhile.
      pending = pendingMessages(record);
    }
  }

  async function failed(escalationId: string, error: unknown): Promise<DeliveryOutcome> {
    const failure = classifyFailure(error);
    const now = clock();
    let retryAt = now;
    await store.records.updateWhere(escalationId, (r) => {
      const outbox = outboxOf(r);
      const attempts = outbox.attempts + (failure.countsAsAttempt ? 1 : 0);
      retryAt = now + retryDelay(deps.config.backoff, Math.max(1, attempts), failure.retryAfterMs);
      return {
        messageOutbox: {
          dueAt: iso(retryAt),
          attempts,
          mayHaveLanded: outbox.mayHaveLanded || failure.mayHaveLanded,
          lastError: { code: failure.code, message: failure.message },
        },
      };
    });
    deps.logger.warn('chat messages queued', { escalationId, code: failure.code });
    return { kind: 'waiting', reason: failure.reason, retryAt: iso(retryAt) };
  }

  async function run(
    escalationId: string,
    options: DeliveryOptions,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome> {
    let record = await store.records.get(escalationId);
    if (!record || pendingMessages(record).length === 0) return settle(escalationId);
    const conversationId = record.conversationId;
    if (!conversationId) {
      // Refused escalations never get a conversation; dead ones wait for an operator's replay.
      const waitMs =
        record.state === 'dead' || record.state === 'refused'
          ? deps.config.awaitEscalationMs * 12
          : deps.config.awaitEscalationMs;
      const retryAt = iso(clock() + waitMs);
      await store.records.updateWhere(escalationId, (r) => ({
        messageOutbox: { ...outboxOf(r), dueAt: retryAt },
      }));
      return { kind: 'waiting', reason: 'awaiting_escalation', retryAt };
    }
    const call = makeCall(deps.breaker, {
      signal,
      lane: options.lane,
      maxWaitMs: options.deadlineMs,
    });
    try {
      if (outboxOf(record).mayHaveLanded) record = await reconcile(call, record, conversationId);
      await sendPending(call, record, conversationId);
    } catch (error) {
      return failed(escalationId, error);
    }
    return settle(escalationId);
  }

  /** All sent: the outbox is idle, unless a message came in after the last read. */
  async function settle(escalationId: string): Promise<DeliveryOutcome> {
    const nowIso = iso(clock());
    await store.records
      .updateWhere(escalationId, (r) => {
        if (pendingMessages(r).length > 0)
          return { messageOutbox: { ...outboxOf(r), dueAt: nowIso } };
        const outbox = outboxOf(r);
        return outbox.dueAt === null && !outbox.mayHaveLanded
          ? null
          : { messageOutbox: IDLE_OUTBOX };
      })
      .catch((error: unknown) => {
        // The escalation is gone (retention): nothing is left to deliver.
        if (!(error instanceof UnknownEscalationError)) throw error;
      });
    return { kind: 'delivered' };
  }

  return async function deliver(
    escalationId: string,
    options: DeliveryOptions,
  ): Promise<DeliveryOutcome> {
    const token = `${deps.config.owner}:m${++sequence}`;
    if (!(await store.leases.acquire(leaseKey(escalationId), token, deps.config.leaseTtlMs)))
      return { kind: 'leased' };
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DeadlineError(options.deadlineMs)),
      options.deadlineMs,
    );
    try {
      return await run(escalationId, options, controller.signal);
    } finally {
      clearTimeout(timer);
      await store.leases.release(leaseKey(escalationId), token).catch(() => undefined);
    }
  };
}

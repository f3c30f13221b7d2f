/**
 * The live conversation after the hand-off, server side: the customer's later messages (stored,
 * then delivered in order, exactly once, now or from the outbox) and what the chat hears back
 * (agent replies, the hand-off's progress, the close), read from the store as events.
 */
import type { Logger } from '../../platform/logger.js';
import type { KustomerClient } from '../../kustomer/types.js';
import type { ChatMessageInput, ChatMessageResult } from '../../shared/live-chat.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import type { BackoffConfig } from '../backoff.js';
import type { Breaker } from '../breaker.js';
import { messagesDueAt } from '../records.js';
import type { StorePorts } from '../store.js';
import type { EscalationRecord } from '../record.js';
import { maskText } from '../privacy.js';
import {
  appendMessage,
  chatMessagesOf,
  outboxOf,
  pendingAttachmentBytes,
} from './chat-messages.js';
import type { ChangeSignal } from './change-signal.js';
import { createMessageDelivery, type DeliveryOutcome } from './message-delivery.js';

export interface LiveChatDeps {
  client: KustomerClient;
  store: StorePorts<'records' | 'leases'>;
  breaker: Breaker;
  clock: () => number;
  logger: Logger;
  signal: ChangeSignal;
  settings: () => Promise<IntegrationSettings>;
  config: {
    owner: string;
    leaseTtlMs: number;
    backoff: BackoffConfig;
    /** Longest a send waits on Kustomer before answering queued. */
    sendDeadlineMs: number;
    drainDeadlineMs: number;
  };
}

/** The escalation was refused (integration off): there is no conversation to write to. */
export class ChatClosedError extends Error {
  readonly code = 'no_conversation';
  constructor() {
    super('this chat was not handed to a person, so there is no conversation to write to');
    this.name = 'ChatClosedError';
  }
}

/**
 * Files wait in the store only until their message is delivered; while Kustomer is away at most
 * this much waits per chat, so an outage cannot fill the store.
 */
export const PENDING_ATTACHMENT_MAX_BYTES = 12 * 1024 * 1024;

/** The chat's waiting files already fill PENDING_ATTACHMENT_MAX_BYTES. */
export class AttachmentsWaitingError extends Error {
  readonly code = 'attachments_waiting';
  constructor() {
    super('earlier files are still waiting to reach the agent; send this one once they have');
    this.name = 'AttachmentsWaitingError';
  }
}

export interface LiveChat {
  /** Null when the escalation does not exist for this chat session. */
  send(
    escalationId: string,
    sessionId: string,
    input: ChatMessageInput,
  ): Promise<ChatMessageResult | null>;
  /** Delivers due messages of up to `limit` escalations; returns how many messages went. */
  drain(options?: { limit?: number; deadlineAt?: number }): Promise<number>;
  /** The record as the chat session may see it; null when unknown or another session's. */
  read(escalationId: string, sessionId: string): Promise<EscalationRecord | null>;
  /**
   * Delivers the record's messages now if they are due and their conversation exists; resolves
   * when done. Lets an open event stream move its own chat's outbox on hosts whose drain runs
   * rarely (Vercel's cron), within `deadlineMs`.
   */
  deliverIfDue(record: EscalationRecord, deadlineMs: number): Promise<void>;
  signal: ChangeSignal;
}

const deliveredCount = (record: EscalationRecord) =>
  chatMessagesOf(record).filter((m) => m.deliveredAt !== null).length;

export function createLiveChat(deps: LiveChatDeps): LiveChat {
  const { store, clock } = deps;
  const deliver = createMessageDelivery({
    ...deps,
    config: { ...deps.config, awaitEscalationMs: 5_000 },
  });
  // One delivery at a time per escalation on this instance: a second send waits for the first
  // instead of finding its lease taken and leaving its message to the next drain.
  const chains = new Map<string, Promise<DeliveryOutcome>>();
  const deliverInTurn = (escalationId: string, deadlineMs: number) => {
    const previous = chains.get(escalationId) ?? Promise.resolve(null);
    const next = previous
      .catch(() => null)
      .then(() => deliver(escalationId, { deadlineMs, lane: 'escalation' }));
    chains.set(escalationId, next);
    void next
      .finally(() => {
        if (chains.get(escalationId) === next) chains.delete(escalationId);
      })
      .catch(() => undefined);
    return next;
  };

  async function read(escalationId: string, sessionId: string) {
    const record = await store.records.get(escalationId);
    return record && record.request.sessionId === sessionId ? record : null;
  }

  async function send(escalationId: string, sessionId: string, input: ChatMessageInput) {
    const record = await read(escalationId, sessionId);
    if (!record) return null;
    if (record.state === 'refused') throw new ChatClosedError();
    const settings = await deps.settings();
    const { text, masked } = maskText(input.text, settings.privacy);
    const nowIso = new Date(clock()).toISOString();
    let full = false;
    await store.records.updateWhere(escalationId, (r) => {
      const size = input.attachment ? input.attachment.data.length * 0.75 : 0;
      full = size > 0 && pendingAttachmentBytes(r) + size > PENDING_ATTACHMENT_MAX_BYTES;
      return full ? null : appendMessage(r, input, { text, masked }, nowIso);
    });
    if (full) throw new AttachmentsWaitingError();
    const outcome = await deliverInTurn(escalationId, deps.config.sendDeadlineMs);
    const after = (await store.records.get(escalationId)) ?? record;
    const stored = chatMessagesOf(after).find((m) => m.id === input.id)!;
    const delivered = stored.deliveredAt !== null;
    return {
      status: delivered ? 'delivered' : 'queued',
      messageId: stored.id,
      text: stored.text,
      masked: stored.masked,
      reason: delivered
        ? null
        : outcome.kind === 'waiting'
          ? outcome.reason
          : (outboxOf(after).lastError?.code ?? 'in_progress'),
    } satisfies ChatMessageResult;
  }

  async function drain(options: { limit?: number; deadlineAt?: number } = {}) {
    const due = await store.records.messagesDue(new Date(clock()), options.limit ?? 50);
    let sent = 0;
    for (const record of due) {
      const timeLeft = (options.deadlineAt ?? Infinity) - clock();
      if (timeLeft <= 0) break;
      const outcome = await deliver(record.escalationId, {
        deadlineMs: Math.min(deps.config.drainDeadlineMs, timeLeft),
        lane: 'background',
      });
      if (outcome.kind === 'leased') continue;
      const after = await store.records.get(record.escalationId);
      sent += after ? deliveredCount(after) - deliveredCount(record) : 0;
    }
    return sent;
  }

  async function deliverIfDue(record: EscalationRecord, deadlineMs: number) {
    if (
      !record.conversationId ||
      messagesDueAt(record) > clock() ||
      chains.has(record.escalationId)
    )
      return;
    await deliverInTurn(record.escalationId, Math.min(deadlineMs, deps.config.drainDeadlineMs));
  }

  return { send, drain, read, deliverIfDue, signal: deps.signal };
}

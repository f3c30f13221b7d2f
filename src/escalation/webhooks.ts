/**
 * What Kustomer's webhooks tell us about escalated conversations: agent replies (shown in the
 * chat) and status changes (closed / reopened). Deliveries are at least once and may arrive out of
 * order, so replies are deduplicated by message id and event id, and a conversation update older
 * than the newest one applied is ignored.
 */
import type { AgentReplyEvent, ConversationClosedEvent } from './types.js';
import { UnknownEscalationError, type StorePorts } from './store.js';

export interface WebhookConfig {
  /** How long an event id is remembered. @default 7 days (Kustomer retries for far less). */
  eventTtlMs: number;
  /** Epoch ms, for when the first reply arrived. @default Date.now */
  clock?: () => number;
}

const UNKNOWN = Symbol('unknown escalation');

/** The write's result, or UNKNOWN when the escalation went (deleted by retention meanwhile). */
async function ifKnown<T>(write: () => Promise<T>): Promise<T | typeof UNKNOWN> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UnknownEscalationError) return UNKNOWN;
    throw error;
  }
}

export function createWebhookHandlers(
  store: StorePorts<'records' | 'events'>,
  config: WebhookConfig,
) {
  /**
   * Notes the event id once its effect is stored, never before: a write that fails must leave
   * Kustomer's redelivery free to apply it. The id only tells a repeat apart for the answer and
   * the logs; the writes themselves are idempotent.
   */
  const firstDelivery = (eventId: string) => store.events.markSeen(eventId, config.eventTtlMs);

  async function recordAgentReply(
    event: AgentReplyEvent,
  ): Promise<'applied' | 'duplicate' | 'unknown'> {
    const escalationId = await store.records.findByConversationId(event.conversationId);
    if (!escalationId) return 'unknown';
    const reply = {
      id: event.messageId,
      text: event.text,
      at: event.at,
      author: event.author,
      ...(event.attachments ? { attachments: event.attachments } : {}),
    };
    // The message id makes the append idempotent, whatever event id carries it; the first
    // reply's arrival is stamped in the same write (analytics).
    const updated = await ifKnown(() =>
      store.records.updateWhere(escalationId, (record) =>
        record.replies.some((existing) => existing.id === reply.id)
          ? null
          : {
              replies: [...record.replies, reply],
              firstReplyAt:
                record.firstReplyAt ?? new Date((config.clock ?? Date.now)()).toISOString(),
            },
      ),
    );
    if (updated === UNKNOWN) return 'unknown';
    const appended = updated !== null;
    const first = await firstDelivery(event.eventId);
    return appended && first ? 'applied' : 'duplicate';
  }

  async function recordConversationUpdate(
    event: ConversationClosedEvent,
  ): Promise<'applied' | 'duplicate' | 'stale' | 'unknown'> {
    const escalationId = await store.records.findByConversationId(event.conversationId);
    if (!escalationId) return 'unknown';
    const at = Date.parse(event.at);
    const closed = event.status === 'done';
    let stale = false;
    // Decided and written in one step: two deliveries at once must not both pass the age check
    // and then land in the wrong order.
    const updated = await ifKnown(() =>
      store.records.updateWhere(escalationId, (record) => {
        const last = record.lastConversationEventAt
          ? Date.parse(record.lastConversationEventAt)
          : null;
        stale = last !== null && at < last;
        if (stale) return null;
        return {
          lastConversationEventAt: event.at,
          closed,
          // A reopened conversation is live again; a repeat close keeps the first closing time.
          closedAt: closed ? (record.closed && record.closedAt ? record.closedAt : event.at) : null,
        };
      }),
    );
    if (updated === UNKNOWN) return 'unknown';
    if (stale) return 'stale';
    return (await firstDelivery(event.eventId)) ? 'applied' : 'duplicate';
  }

  return { recordAgentReply, recordConversationUpdate };
}

/**
 * What Kustomer's webhooks tell us about escalated conversations: agent replies (shown in the
 * chat) and status changes (closed / reopened). Deliveries are at least once and may arrive out of
 * order, so replies are deduplicated by message id and event id, and a conversation update older
 * than the newest one applied is ignored.
 */
import type { AgentReplyEvent, ConversationClosedEvent } from './types.js';
import type { EscalationStore } from './store.js';

export interface WebhookConfig {
  /** How long an event id is remembered. @default 7 days (Kustomer retries for far less). */
  eventTtlMs: number;
}

export function createWebhookHandlers(store: EscalationStore, config: WebhookConfig) {
  async function recordAgentReply(
    event: AgentReplyEvent,
  ): Promise<'applied' | 'duplicate' | 'unknown'> {
    const escalationId = await store.findByConversationId(event.conversationId);
    if (!escalationId) return 'unknown';
    if (!(await store.markEventSeen(event.eventId, config.eventTtlMs))) return 'duplicate';
    // The message id guards the other way round: a new event id for a message we already have.
    const appended = await store.appendReply(escalationId, {
      id: event.messageId,
      text: event.text,
      at: event.at,
      author: event.author,
    });
    return appended ? 'applied' : 'duplicate';
  }

  async function recordConversationUpdate(
    event: ConversationClosedEvent,
  ): Promise<'applied' | 'duplicate' | 'stale' | 'unknown'> {
    const escalationId = await store.findByConversationId(event.conversationId);
    if (!escalationId) return 'unknown';
    const record = await store.get(escalationId);
    if (!record) return 'unknown';
    const last = record.lastConversationEventAt ? Date.parse(record.lastConversationEventAt) : null;
    if (last !== null && Date.parse(event.at) < last) return 'stale';
    if (!(await store.markEventSeen(event.eventId, config.eventTtlMs))) return 'duplicate';
    const closed = event.status === 'done';
    await store.update(escalationId, {
      lastConversationEventAt: event.at,
      closed,
      // A reopened conversation is live again; a repeat close keeps the first closing time.
      closedAt: closed ? (record.closed && record.closedAt ? record.closedAt : event.at) : null,
    });
    return 'applied';
  }

  return { recordAgentReply, recordConversationUpdate };
}

/**
 * Read-only views of the store: an escalation's status for the chat, and the outbox (queued,
 * retrying and dead escalations) for the Integrations page, with customer identities masked.
 */
import type { EscalationStatus } from '../shared/escalation.js';
import type { OutboxItem } from '../shared/integration.js';
import {
  IN_PROGRESS_STATES,
  OUTBOX_STATES,
  timelinePending,
  toOutboxItem,
  toStatus,
} from './records.js';
import type { StorePorts } from './store.js';
import type { OutboxSummary } from './types.js';

export function createOutboxViews(
  store: StorePorts<'records'>,
  conversationUrl: (conversationId: string) => string | null,
) {
  /** With a sessionId, only that chat session's escalation is found. */
  async function status(
    escalationId: string,
    options: { sessionId?: string } = {},
  ): Promise<EscalationStatus | null> {
    const record = await store.records.get(escalationId);
    if (!record) return null;
    if (options.sessionId !== undefined && record.request.sessionId !== options.sessionId)
      return null;
    return toStatus(record, conversationUrl);
  }

  /** Waiting and dead escalations, then those still finishing their timeline after the answer. */
  async function outbox(options: { limit?: number } = {}): Promise<OutboxItem[]> {
    const limit = options.limit ?? 50;
    const records = await store.records.list({ states: OUTBOX_STATES, limit });
    const finishing =
      records.length < limit
        ? (
            await store.records.list({ states: IN_PROGRESS_STATES, limit: limit - records.length })
          ).filter(timelinePending)
        : [];
    return [...records, ...finishing].map(toOutboxItem);
  }

  async function summary(): Promise<OutboxSummary> {
    // Counts and one date: polled every few seconds during an outage, so no record is read.
    const [counts, oldest, pending] = await Promise.all([
      store.records.countByState(),
      store.records.oldestWaiting(),
      store.records.countTimelinePending(),
    ]);
    return {
      queued: counts.queued ?? 0,
      retrying: counts.retrying ?? 0,
      dead: counts.dead ?? 0,
      oldestQueuedAt: oldest,
      timelinePending: pending,
    };
  }

  return { status, outbox, summary };
}

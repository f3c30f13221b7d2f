/** Escalation records to seed a store with, in the states the outbox checks care about. */
import type { EscalationRecord } from '../../../src/escalation/store.js';
import type { EscalationState } from '../../../src/shared/escalation.js';

export function outboxRecord(
  escalationId: string,
  state: EscalationState,
  createdAt: string,
): EscalationRecord {
  return {
    escalationId,
    request: {
      escalationId,
      sessionId: `chat-${escalationId}`,
      customer: { email: `${escalationId}@example.com` },
      transcript: [{ id: 'm1', role: 'user', text: 'I need a person', at: createdAt }],
      reason: 'user_requested',
    },
    state,
    customerId: null,
    conversationId: null,
    routing: null,
    transcriptSynced: false,
    noteCreated: false,
    result: null,
    attempts: state === 'dead' ? 12 : 1,
    nextAttemptAt: state === 'dead' ? null : createdAt,
    lastError:
      state === 'queued' ? null : { code: 'kustomer_unavailable', message: 'Kustomer was down' },
    replies: [],
    closed: false,
    closedAt: null,
    lastConversationEventAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

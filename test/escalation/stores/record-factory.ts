import type { EscalationRecord } from '../../../src/escalation/store.js';
import type { EscalationState } from '../../../src/shared/escalation.js';

export function makeRecord(
  escalationId: string,
  overrides: Partial<EscalationRecord> & { state?: EscalationState } = {},
): EscalationRecord {
  return {
    escalationId,
    request: {
      escalationId,
      sessionId: `chat-${escalationId}`,
      customer: { email: `${escalationId}@example.com` },
      transcript: [
        { id: 'm1', role: 'user', text: 'I need a person', at: '2026-11-24T10:00:00.000Z' },
      ],
      reason: 'user_requested',
    },
    state: 'received',
    customerId: null,
    conversationId: null,
    routing: null,
    transcriptSynced: false,
    noteCreated: false,
    result: null,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    replies: [],
    closed: false,
    closedAt: null,
    lastConversationEventAt: null,
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

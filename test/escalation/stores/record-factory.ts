import { newRecord } from '../../../src/escalation/records.js';
import type { EscalationRecord } from '../../../src/escalation/record.js';

const CREATED_AT = '2026-11-24T10:00:00.000Z';

/** A record as the service creates it (see newRecord), with overrides for the case at hand. */
export function makeRecord(
  escalationId: string,
  overrides: Partial<EscalationRecord> = {},
): EscalationRecord {
  const createdAt = overrides.createdAt ?? CREATED_AT;
  const request = {
    escalationId,
    sessionId: `chat-${escalationId}`,
    customer: { email: `${escalationId}@example.com` },
    transcript: [{ id: 'm1', role: 'user' as const, text: 'I need a person', at: createdAt }],
    reason: 'user_requested' as const,
  };
  return { ...newRecord(request, createdAt), ...overrides };
}

/** The answer the chat got once the conversation existed: what an escalated record carries. */
export const escalatedResult = (escalationId: string) => ({
  status: 'escalated' as const,
  escalationId,
  customerId: 'c1',
  conversationId: `conv-${escalationId}`,
  team: null,
  priority: 3,
  conversationUrl: null,
});

import { describe, expect, it } from 'vitest';
import {
  conversationInput,
  conversationTags,
  maskIdentity,
  noteInput,
  transcriptMessages,
} from '../../src/escalation/payload.js';
import type { RoutingDecision } from '../../src/escalation/record.js';
import type { EscalationRequest } from '../../src/shared/escalation.js';

const request: EscalationRequest = {
  escalationId: 'esc-9',
  sessionId: 'sess-9',
  customer: { email: 'jane@example.com' },
  transcript: [
    { id: 'm1', role: 'user', text: 'refund please', at: '2026-01-01T10:00:00Z' },
    { id: 'm2', role: 'bot', text: 'one moment', at: '2026-01-01T10:00:01Z' },
    { id: 'm3', role: 'system', text: 'handoff', at: '2026-01-01T10:00:02Z' },
  ],
  reason: 'user_requested',
  intent: 'refund',
  summary: 'Customer wants a refund for order 42.',
  tags: ['vip!', 'refund', 'x'.repeat(80)],
  attributes: { planStr: 'pro', seatsNum: '12', vipBool: 'yes', ignored: 'x' },
};
const routing: RoutingDecision = {
  teamId: 'b'.repeat(24),
  teamName: 'Billing',
  priority: 4,
  ruleId: 'r1',
  explanation: 'Matched rule r1.',
};

describe('payload', () => {
  it('builds the conversation: name, team, priority, valid tags, externalId and allowed attributes only', () => {
    const input = conversationInput(request, 'cust-1', routing, {
      conversationAttributes: ['planStr', 'seatsNum', 'vipBool'],
    });
    expect(input).toEqual({
      customerId: 'cust-1',
      name: 'Chatbot escalation: refund (customer requested a human)',
      status: 'open',
      priority: 4,
      direction: 'in',
      assignedTeams: ['b'.repeat(24)],
      tags: ['chatbot-escalation', 'refund', 'vip-', 'x'.repeat(64)],
      externalId: 'esc-9',
      custom: { planStr: 'pro', seatsNum: 12 },
    });
  });

  it('keeps at most 20 tags', () => {
    const tags = Array.from({ length: 30 }, (_, i) => `t${i}`);
    expect(conversationTags({ ...request, tags })).toHaveLength(20);
  });

  it('maps roles to directions and derives message externalIds from the escalation', () => {
    expect(transcriptMessages(request).map((m) => [m.externalId, m.direction])).toEqual([
      ['esc-9:m1', 'in'],
      ['esc-9:m2', 'out'],
      ['esc-9:m3', 'out'],
    ]);
  });

  it('writes a note with summary, reason, routing and the link to the session, marked for tests', () => {
    const note = noteInput(
      { ...request, test: true },
      routing,
      'https://chat.example.com/sessions/sess-9',
    );
    expect(note.externalId).toBe('esc-9:note');
    expect(note.body).toContain('[TEST]');
    expect(note.body).toContain('customer requested a human');
    expect(note.body).toContain('Intent: refund');
    expect(note.body).toContain('team Billing, priority 4 (High)');
    expect(note.body).toContain('https://chat.example.com/sessions/sess-9');
    expect(note.body).toContain('order 42');
  });

  it('masks identities', () => {
    expect(maskIdentity({ email: 'jane@example.com' })).toBe('j***@example.com');
    expect(maskIdentity({ phone: '+15555550123' })).toBe('***0123');
    expect(maskIdentity({ externalId: 'user-77' })).toBe('us***');
  });
});

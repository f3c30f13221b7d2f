/**
 * Escalation requests for tests and benchmarks.
 */
import type { EscalationRequest, TranscriptEntry } from '../../../src/shared/escalation.js';

let counter = 0;

export function transcript(
  length: number,
  start = Date.parse('2026-03-01T10:00:00Z'),
): TranscriptEntry[] {
  return Array.from({ length }, (_, i) => ({
    id: `m${i + 1}`,
    role: i % 2 === 0 ? 'user' : 'bot',
    text:
      i % 2 === 0
        ? `Customer line ${i + 1}: I still have a problem with my order`
        : `Bot line ${i + 1}`,
    at: new Date(start + i * 1000).toISOString(),
  }));
}

export function escalationRequest(overrides: Partial<EscalationRequest> = {}): EscalationRequest {
  counter += 1;
  const id = `esc-${process.pid}-${Date.now().toString(36)}-${counter}`;
  return {
    escalationId: id,
    sessionId: `sess-${id}`,
    customer: { email: `customer-${id}@example.com`, name: 'Jane Doe' },
    transcript: transcript(4),
    reason: 'user_requested',
    intent: 'refund',
    summary: 'Customer wants a refund for order 42.',
    ...overrides,
  };
}

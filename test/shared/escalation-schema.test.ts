import { describe, expect, it } from 'vitest';
import { escalationRequestSchema } from '../../src/shared/escalation.js';
import { fieldErrors } from '../../src/shared/api-error.js';

const valid = {
  escalationId: 'esc_1',
  sessionId: 'chat_1',
  customer: { email: 'jane@example.com' },
  transcript: [{ id: 'm1', role: 'user', text: 'I need a human', at: '2026-11-24T10:00:00Z' }],
  reason: 'user_requested',
  priority: 'high',
};

describe('escalation request schema', () => {
  it("accepts a minimal request and turns a priority name into Kustomer's 1-5 scale", () => {
    const parsed = escalationRequestSchema.parse(valid);
    expect(parsed.priority).toBe(4);
  });

  it('names the field when the customer has no identity', () => {
    const result = escalationRequestSchema.safeParse({ ...valid, customer: { name: 'Jane' } });
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrors(result.error!.issues))).toContain('customer');
  });

  it('rejects unknown top-level fields', () => {
    const result = escalationRequestSchema.safeParse({ ...valid, extra: 1 });
    expect(result.success).toBe(false);
  });
});

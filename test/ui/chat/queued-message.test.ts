/**
 * Queued reasons are one shared enum: the server can send only those, and the chat has words for
 * each of them.
 */
import { describe, expect, it } from 'vitest';
import { queuedMessage } from '../../../src/chat/queued-message.js';
import { QUEUED_REASONS, queuedResultSchema } from '../../../src/shared/escalation.js';

describe('queued reasons', () => {
  it.each(QUEUED_REASONS)('%s has a sentence for the customer naming their email', (reason) => {
    const text = queuedMessage(reason, 'sam@example.com');
    expect(text).toMatch(/^(Support|Talking to a person) /);
    expect(text).toContain('sam@example.com');
  });

  it('refuses a reason outside the enum on the wire', () => {
    const result = {
      status: 'queued',
      escalationId: 'e1',
      retryAt: '2026-01-01T10:05:00.000Z',
    };
    expect(queuedResultSchema.safeParse({ ...result, reason: 'rate_limited' }).success).toBe(true);
    expect(queuedResultSchema.safeParse({ ...result, reason: 'kustomer_busy' }).success).toBe(
      false,
    );
  });
});

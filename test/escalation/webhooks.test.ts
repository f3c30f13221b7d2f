import { describe, expect, it } from 'vitest';
import { newRecord } from '../../src/escalation/records.js';
import { createWebhookHandlers } from '../../src/escalation/webhooks.js';
import type { EscalationRequest } from '../../src/shared/escalation.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';

const request: EscalationRequest = {
  escalationId: 'esc-w',
  sessionId: 's',
  customer: { email: 'a@example.com' },
  transcript: [],
  reason: 'user_requested',
};

async function setup() {
  const store = createMemoryStore();
  await store.insert(newRecord(request, '2026-01-01T00:00:00.000Z'));
  await store.update('esc-w', { conversationId: 'conv-1', state: 'done' });
  return { store, hooks: createWebhookHandlers(store, { eventTtlMs: 60_000 }) };
}

const reply = (eventId: string, messageId: string) => ({
  eventId,
  conversationId: 'conv-1',
  messageId,
  text: `hello ${messageId}`,
  at: '2026-01-01T00:01:00.000Z',
  author: 'Agent Smith',
});

describe('webhook handlers', () => {
  it('applies an agent reply once, whether the event or the message repeats', async () => {
    const { store, hooks } = await setup();
    expect(await hooks.recordAgentReply(reply('e1', 'm1'))).toBe('applied');
    expect(await hooks.recordAgentReply(reply('e1', 'm1'))).toBe('duplicate');
    expect(await hooks.recordAgentReply(reply('e2', 'm1'))).toBe('duplicate');
    expect(await hooks.recordAgentReply(reply('e3', 'm2'))).toBe('applied');
    expect((await store.get('esc-w'))?.replies.map((r) => r.id)).toEqual(['m1', 'm2']);
  });

  it('answers unknown for a conversation that is not an escalation', async () => {
    const { hooks } = await setup();
    expect(await hooks.recordAgentReply({ ...reply('e9', 'm9'), conversationId: 'other' })).toBe(
      'unknown',
    );
    expect(
      await hooks.recordConversationUpdate({
        eventId: 'e9',
        conversationId: 'other',
        status: 'done',
        at: '2026-01-01T00:00:00Z',
      }),
    ).toBe('unknown');
  });

  it('closes on done, ignores older events, reopens on a newer open', async () => {
    const { store, hooks } = await setup();
    const update = (eventId: string, status: 'open' | 'done', at: string) =>
      hooks.recordConversationUpdate({ eventId, conversationId: 'conv-1', status, at });
    expect(await update('c1', 'done', '2026-01-01T00:05:00.000Z')).toBe('applied');
    expect(await store.get('esc-w')).toMatchObject({
      closed: true,
      closedAt: '2026-01-01T00:05:00.000Z',
    });
    // an "open" from before the close arrives late
    expect(await update('c0', 'open', '2026-01-01T00:04:00.000Z')).toBe('stale');
    expect(await update('c1', 'done', '2026-01-01T00:05:00.000Z')).toBe('duplicate');
    expect((await store.get('esc-w'))?.closed).toBe(true);
    expect(await update('c2', 'open', '2026-01-01T00:06:00.000Z')).toBe('applied');
    expect(await store.get('esc-w')).toMatchObject({ closed: false, closedAt: null });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRecord } from '../../src/escalation/records.js';
import type { EscalationStore } from '../../src/escalation/store.js';
import { createWebhookHandlers } from '../../src/escalation/webhooks.js';
import type { EscalationRequest } from '../../src/shared/escalation.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { failingStore } from '../support/failing-store.js';

const request: EscalationRequest = {
  escalationId: 'esc-w',
  sessionId: 's',
  customer: { email: 'a@example.com' },
  transcript: [],
  reason: 'user_requested',
};

async function setup(wrap: (store: EscalationStore) => EscalationStore = (s) => s) {
  const store = createMemoryStore();
  await store.records.insert({
    ...newRecord(request, '2026-01-01T00:00:00.000Z'),
    state: 'done',
    customerId: 'cust-1',
    conversationId: 'conv-1',
  });
  return { store, hooks: createWebhookHandlers(wrap(store), { eventTtlMs: 60_000 }) };
}

/** The store, with its first write of a reply or an update failing (a store hiccup). */
function failingWritesOnce(store: EscalationStore): EscalationStore {
  let failed = false;
  const firstWrite = (method: string) =>
    !failed &&
    ['records.update', 'records.updateWhere', 'records.appendReply'].includes(method) &&
    (failed = true);
  return failingStore(store, firstWrite, () => new Error('store unreachable'));
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
    expect((await store.records.get('esc-w'))?.replies.map((r) => r.id)).toEqual(['m1', 'm2']);
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
    expect(await store.records.get('esc-w')).toMatchObject({
      closed: true,
      closedAt: '2026-01-01T00:05:00.000Z',
    });
    // an "open" from before the close arrives late
    expect(await update('c0', 'open', '2026-01-01T00:04:00.000Z')).toBe('stale');
    expect(await update('c1', 'done', '2026-01-01T00:05:00.000Z')).toBe('duplicate');
    expect((await store.records.get('esc-w'))?.closed).toBe(true);
    expect(await update('c2', 'open', '2026-01-01T00:06:00.000Z')).toBe('applied');
    expect(await store.records.get('esc-w')).toMatchObject({ closed: false, closedAt: null });
  });

  it('applies a reply whose write failed when Kustomer delivers the event again', async () => {
    const { store, hooks } = await setup(failingWritesOnce);
    await expect(hooks.recordAgentReply(reply('e1', 'm1'))).rejects.toThrow('store unreachable');
    expect(await hooks.recordAgentReply(reply('e1', 'm1'))).toBe('applied');
    expect((await store.records.get('esc-w'))?.replies.map((r) => r.id)).toEqual(['m1']);
  });

  it('applies a close whose write failed when Kustomer delivers the event again', async () => {
    const { store, hooks } = await setup(failingWritesOnce);
    const close = {
      eventId: 'c1',
      conversationId: 'conv-1',
      status: 'done' as const,
      at: '2026-01-01T00:05:00.000Z',
    };
    await expect(hooks.recordConversationUpdate(close)).rejects.toThrow('store unreachable');
    expect(await hooks.recordConversationUpdate(close)).toBe('applied');
    expect((await store.records.get('esc-w'))?.closed).toBe(true);
  });

  it('ends in the newest status whatever the order, repeats and overlap of deliveries', async () => {
    const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
    const history = fc
      .array(fc.constantFrom<'open' | 'done'>('open', 'done'), { minLength: 1, maxLength: 6 })
      .map((statuses) =>
        statuses.map((status, i) => ({
          eventId: `c${i}`,
          conversationId: 'conv-1',
          status,
          at: minute(i + 1),
        })),
      );
    // Each event at least once, some twice, in any order, in batches that arrive together.
    const deliveries = history
      .chain((events) => fc.tuple(fc.constant(events), fc.subarray(events)))
      .chain(([events, repeats]) => {
        const sent = [...events, ...repeats];
        return fc.tuple(
          fc.constant(events),
          fc.shuffledSubarray(sent, { minLength: sent.length }),
          fc.integer({ min: 1, max: 4 }),
        );
      });
    await fc.assert(
      fc.asyncProperty(deliveries, async ([events, sent, batch]) => {
        const { store, hooks } = await setup();
        for (let i = 0; i < sent.length; i += batch)
          await Promise.all(sent.slice(i, i + batch).map((e) => hooks.recordConversationUpdate(e)));
        const newest = events.at(-1)!;
        const record = await store.records.get('esc-w');
        expect(record?.closed).toBe(newest.status === 'done');
        expect(record?.lastConversationEventAt).toBe(newest.at);
      }),
      { numRuns: 200 },
    );
  });

  it('answers unknown when the escalation is deleted (retention) between lookup and write', async () => {
    // The conversation index still names it, but the record is gone by the time of the write.
    const { hooks } = await setup((store) => ({
      ...store,
      records: { ...store.records, findByConversationId: async () => 'esc-deleted' },
    }));
    expect(await hooks.recordAgentReply(reply('e1', 'm1'))).toBe('unknown');
    expect(
      await hooks.recordConversationUpdate({
        eventId: 'c1',
        conversationId: 'conv-1',
        status: 'done',
        at: '2026-01-01T00:05:00.000Z',
      }),
    ).toBe('unknown');
  });
});

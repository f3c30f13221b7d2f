/**
 * The analytics counters every store keeps in the same write as the record: one escalation is
 * counted once, in its current outcome, however often and in whatever order its writes come,
 * and the counts outlive the record until the day is past retention.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contribution, type DayStats } from '../../../src/escalation/analytics/contribution.js';
import { bucketOf } from '../../../src/escalation/analytics/histogram.js';
import type { EscalationStore } from '../../../src/escalation/store.js';
import type { EscalationPatch, EscalationRecord } from '../../../src/escalation/record.js';
import {
  createFileStore,
  createMemoryStore,
  createRedisStore,
} from '../../../src/escalation/stores/index.js';
import { useBackends } from '../stores/backends.js';
import { escalatedResult, makeRecord } from '../stores/record-factory.js';

const DAY = '2026-11-24';
const CREATED = Date.parse('2026-11-24T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const routing = (ruleId: string | null) => ({
  teamId: null,
  teamName: null,
  priority: 3 as const,
  ruleId,
  explanation: 'test',
});
const escalated = escalatedResult;

const backends = useBackends('stats');
const tempDir = backends.tempDir;

const factories: Record<string, (clock: () => number) => Promise<EscalationStore>> = {
  memory: async (clock) => createMemoryStore({ clock }),
  file: (clock) => createFileStore({ dir: tempDir(), clock }),
  redis: async (clock) =>
    createRedisStore({ url: backends.redisUrl(), keyPrefix: backends.prefix(), clock }),
};

/** The sum of what each record adds: what the counters must equal. */
function expected(records: EscalationRecord[]): Record<string, DayStats> {
  const days: Record<string, DayStats> = {};
  for (const record of records) {
    const day = record.createdAt.slice(0, 10);
    for (const [field, n] of Object.entries(contribution(record))) {
      days[day] = { ...days[day], [field]: (days[day]?.[field] ?? 0) + n };
    }
  }
  return days;
}

for (const [name, make] of Object.entries(factories)) {
  describe(`${name} store analytics counters`, () => {
    let now = CREATED;
    let store: EscalationStore;
    beforeEach(async () => {
      now = CREATED;
      store = await make(() => now);
    });
    afterEach(() => store.close());

    it('counts an escalation once, on the day it was asked for, however often a write is repeated', async () => {
      await store.records.insert(makeRecord('e1'));
      await store.records.insert(makeRecord('e1')); // a double click
      const answer = {
        state: 'conversation_created' as const,
        conversationId: 'conv-e1',
        routing: routing('billing'),
        result: escalated('e1'),
        escalatedAt: iso(CREATED + 1_200),
      };
      await store.records.update('e1', answer);
      await store.records.update('e1', answer); // a resumed attempt writes it again
      const reply = { id: 'm1', text: 'hi', at: iso(CREATED + 90_000), author: 'Ann' };
      const addReply = (record: EscalationRecord) =>
        record.replies.some((r) => r.id === 'm1')
          ? null
          : { replies: [reply], firstReplyAt: record.firstReplyAt ?? iso(CREATED + 90_000) };
      await Promise.all([
        store.records.updateWhere('e1', addReply),
        store.records.updateWhere('e1', addReply),
      ]);
      await store.records.update('e1', { state: 'done' });
      expect(await store.stats.read(['2026-11-23', DAY, '2026-11-25'])).toEqual({
        [DAY]: {
          n: 1,
          's:delivered': 1,
          'r:user_requested': 1,
          'u:billing': 1,
          [`e:${bucketOf(1_200)}`]: 1,
          [`h:${bucketOf(90_000)}`]: 1,
        },
      });
    });

    it('moves an escalation between outcomes and leaves test escalations out', async () => {
      await store.records.insert(
        makeRecord('e1', { state: 'queued', nextAttemptAt: iso(CREATED) }),
      );
      await store.records.insert(makeRecord('e2', { routing: routing(null), state: 'queued' }));
      const test = makeRecord('t1');
      await store.records.insert({ ...test, request: { ...test.request, test: true } });
      expect((await store.stats.read([DAY]))[DAY]).toEqual({
        n: 2,
        's:queued': 2,
        'r:user_requested': 2,
        'u:': 1,
      });
      await store.records.update('e1', { state: 'dead', nextAttemptAt: null });
      expect((await store.stats.read([DAY]))[DAY]).toMatchObject({ 's:queued': 1, 's:dead': 1 });
    });

    it('leaves out a record stored before the counters existed, through all its later writes', async () => {
      const { counted: _, ...older } = makeRecord('old', { state: 'queued' });
      await store.records.insert(older);
      await store.records.update('old', { state: 'done', result: escalated('old') });
      expect(await store.stats.read([DAY])).toEqual({});
    });

    it('counts a hand-off asked for while the business was closed (availability.open false)', async () => {
      const closed = { ...makeRecord('e1'), availability: { open: false, reason: 'closed' } };
      const open = { ...makeRecord('e2'), availability: { open: true, reason: 'open' } };
      await store.records.insert(closed as EscalationRecord);
      await store.records.insert(open as EscalationRecord);
      await store.records.insert(makeRecord('e3')); // before availability was recorded
      expect((await store.stats.read([DAY]))[DAY]).toMatchObject({ n: 3, o: 1 });
    });

    it('keeps the counts of a record deleted by retention until its day is past the limit', async () => {
      await store.records.insert(makeRecord('e1', { state: 'done', result: escalated('e1') }));
      now += 31 * 86_400_000;
      expect(await store.records.purgeFinished(new Date(now - 30 * 86_400_000), 10)).toBe(1);
      expect((await store.stats.read([DAY]))[DAY]).toMatchObject({ n: 1, 's:delivered': 1 });
      expect(await store.stats.purgeBefore(DAY)).toBe(0); // the day itself is not before DAY
      expect(await store.stats.purgeBefore('2026-11-25')).toBe(1);
      expect(await store.stats.read([DAY])).toEqual({});
    });

    it('never counts a late change to a record whose day was purged (no negative counts)', async () => {
      await store.records.insert(makeRecord('e1', { state: 'dead' })); // dead ones wait for an operator
      expect(await store.stats.purgeBefore('2026-11-25')).toBe(1);
      await store.records.update('e1', { state: 'done', result: escalated('e1') }); // replayed later
      expect(await store.stats.read([DAY])).toEqual({});
      await store.records.insert(makeRecord('e2', { createdAt: '2026-11-25T08:00:00.000Z' }));
      expect(Object.keys(await store.stats.read([DAY, '2026-11-25']))).toEqual(['2026-11-25']);
    });

    it('equals the sum over the records after any sequence of writes (property)', async () => {
      const ids = ['a', 'b', 'c'];
      const write = fc.record({
        id: fc.constantFrom(...ids),
        state: fc.constantFrom('queued', 'conversation_created', 'done', 'dead', 'refused'),
        answered: fc.boolean(),
        ruleId: fc.option(fc.constantFrom('r1', 'r2'), { nil: null }),
        replyAfterMs: fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: undefined }),
      });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(write, { maxLength: 12 }), async (writes) => {
          const prefix = `p${++run}-`;
          for (const w of writes) {
            const id = prefix + w.id;
            await store.records.insert(makeRecord(id));
            // Any write, even one the service never makes (EscalationPatch refuses `refused` or
            // routing without a conversation): the counters must hold whatever is stored.
            const anyWrite = (patch: object) => patch as EscalationPatch;
            await store.records.updateWhere(id, (record) =>
              anyWrite({
                state: w.state,
                routing: routing(w.ruleId),
                ...(w.answered
                  ? { result: escalated(id), escalatedAt: record.escalatedAt ?? iso(CREATED + 500) }
                  : {}),
                ...(w.replyAfterMs !== undefined
                  ? { firstReplyAt: record.firstReplyAt ?? iso(CREATED + w.replyAfterMs) }
                  : {}),
              }),
            );
          }
          const records = (await store.records.list()).filter((r) =>
            r.escalationId.startsWith(prefix),
          );
          const others = (await store.records.list()).filter(
            (r) => !r.escalationId.startsWith(prefix),
          );
          expect(await store.stats.read([DAY])).toEqual(expected([...records, ...others]));
        }),
        { numRuns: name === 'memory' ? 100 : 15 },
      );
    });
  });
}

describe('file store analytics counters across restarts', () => {
  it('keeps the counts through a restart and a compaction, deleted records included', async () => {
    const dir = tempDir();
    let store = await createFileStore({ dir, clock: () => CREATED, compactEvery: 3 });
    for (const id of ['e1', 'e2', 'e3', 'e4']) {
      await store.records.insert(makeRecord(id, { state: 'done', result: escalated(id) }));
      await store.records.update(id, { escalatedAt: iso(CREATED + 700) });
    }
    await store.records.purgeFinished(new Date(CREATED + 1), 2); // two records go; their counts stay
    await store.records.insert(makeRecord('e5')); // more lines: the log is compacted
    await store.records.insert(makeRecord('e6'));
    const before = await store.stats.read([DAY]);
    expect(before[DAY]).toMatchObject({ n: 6, 's:delivered': 4, 's:queued': 2 });
    await store.close();
    store = await createFileStore({ dir, clock: () => CREATED });
    expect(await store.stats.read([DAY])).toEqual(before);
    expect(await store.stats.purgeBefore('2026-11-25')).toBe(1);
    await store.close();
    store = await createFileStore({ dir, clock: () => CREATED });
    expect(await store.stats.read([DAY])).toEqual({});
    // The limit came back with the log: a late change to a record of that day is not counted.
    await store.records.update('e5', { state: 'dead' });
    expect(await store.stats.read([DAY])).toEqual({});
    await store.close();
  });
});

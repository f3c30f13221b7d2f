/**
 * One behavioural contract, run against every store: the flow relies on exactly these
 * guarantees whichever store is configured.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EscalationStore } from '../../../src/escalation/store.js';
import { escalatedResult, makeRecord } from './record-factory.js';

export interface StoreFactory {
  /** A fresh, empty store whose clock the test controls. */
  make(clock: () => number): Promise<EscalationStore>;
  /** A second handle on the same data (another instance), or null where one process owns it. */
  second?(clock: () => number): Promise<EscalationStore>;
}

const reply = (id: string) => ({
  id,
  text: `reply ${id}`,
  at: '2026-11-24T10:05:00.000Z',
  author: 'Ann',
});

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    let now = Date.parse('2026-11-24T10:00:00.000Z');
    const clock = () => now;
    let store: EscalationStore;
    const extra: EscalationStore[] = [];

    beforeEach(async () => {
      now = Date.parse('2026-11-24T10:00:00.000Z');
      store = await factory.make(clock);
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    it('inserts once and returns the first record for a repeated id', async () => {
      const first = await store.records.insert(makeRecord('e1', { attempts: 1 }));
      const again = await store.records.insert(makeRecord('e1', { attempts: 9 }));
      expect(first.inserted).toBe(true);
      expect(again).toMatchObject({ inserted: false, record: { attempts: 1 } });
    });

    it('merges an update and stamps updatedAt from the clock', async () => {
      await store.records.insert(makeRecord('e1'));
      now += 5000;
      const updated = await store.records.update('e1', {
        state: 'customer_resolved',
        customerId: 'c1',
      });
      expect(updated).toMatchObject({ state: 'customer_resolved', customerId: 'c1' });
      expect(updated.updatedAt).toBe(new Date(now).toISOString());
      expect((await store.records.get('e1'))?.customerId).toBe('c1');
      expect(updated.request.customer.email).toBe('e1@example.com');
    });

    it('refuses to update an unknown escalation', async () => {
      await expect(store.records.update('missing', { attempts: 1 })).rejects.toThrow(/missing/);
    });

    it('updates where the change says so, from the current record, and leaves it otherwise', async () => {
      await store.records.insert(makeRecord('e1'));
      const bump = (r: { attempts: number }) =>
        r.attempts < 2 ? { attempts: r.attempts + 1 } : null;
      expect(await store.records.updateWhere('e1', bump)).toMatchObject({ attempts: 1 });
      expect(await store.records.updateWhere('e1', bump)).toMatchObject({ attempts: 2 });
      const before = await store.records.get('e1');
      now += 1_000;
      expect(await store.records.updateWhere('e1', bump)).toBeNull();
      expect(await store.records.get('e1')).toEqual(before);
      await expect(store.records.updateWhere('missing', bump)).rejects.toThrow(/missing/);
    });

    it('appends a reply once per reply id', async () => {
      await store.records.insert(makeRecord('e1'));
      expect(await store.records.appendReply('e1', reply('r1'))).toBe(true);
      expect(await store.records.appendReply('e1', reply('r1'))).toBe(false);
      expect(await store.records.appendReply('e1', reply('r2'))).toBe(true);
      expect((await store.records.get('e1'))?.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
    });

    it('grants a lease to one owner until it expires or the owner releases it', async () => {
      await store.records.insert(makeRecord('e1'));
      expect(await store.leases.acquire('e1', 'a', 1000)).toBe(true);
      expect(await store.leases.acquire('e1', 'b', 1000)).toBe(false);
      await store.leases.release('e1', 'b');
      expect(await store.leases.acquire('e1', 'b', 1000)).toBe(false);
      await store.leases.release('e1', 'a');
      expect(await store.leases.acquire('e1', 'b', 1000)).toBe(true);
    });

    it('finds the oldest waiting escalation and counts pending timelines', async () => {
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      const escalated = escalatedResult;
      expect(await store.records.oldestWaiting()).toBeNull();
      expect(await store.records.countTimelinePending()).toBe(0);
      await store.records.insert(makeRecord('dead', { state: 'dead', createdAt: at(-30) }));
      await store.records.insert(makeRecord('queued', { state: 'queued', createdAt: at(-5) }));
      await store.records.insert(makeRecord('retrying', { state: 'retrying', createdAt: at(-9) }));
      await store.records.insert(
        makeRecord('pending', { state: 'queued', createdAt: at(-1), result: escalated('pending') }),
      );
      await store.records.insert(makeRecord('done', { state: 'done', result: escalated('done') }));
      await store.records.insert(
        makeRecord('running', { state: 'conversation_created', result: escalated('running') }),
      );
      // Dead ones wait for an operator, not for an attempt.
      expect(await store.records.oldestWaiting()).toBe(at(-9));
      expect(await store.records.countTimelinePending()).toBe(2);
      await store.records.update('running', { state: 'done' });
      await store.records.update('retrying', { state: 'done' });
      expect(await store.records.oldestWaiting()).toBe(at(-5));
      expect(await store.records.countTimelinePending()).toBe(1);
    });

    it('lists at most the limit, oldest first', async () => {
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      for (const [id, minutes] of [
        ['b', -2],
        ['c', -1],
        ['a', -3],
        ['d', 0],
      ] as const)
        await store.records.insert(makeRecord(id, { state: 'queued', createdAt: at(minutes) }));
      const listed = await store.records.list({ states: ['queued'], limit: 2 });
      expect(listed.map((r) => r.escalationId)).toEqual(['a', 'b']);
    });

    it('lets the holder take its lease again, extending it, and nobody else', async () => {
      await store.records.insert(makeRecord('e1'));
      expect(await store.leases.acquire('e1', 'a', 200)).toBe(true);
      expect(await store.leases.acquire('e1', 'a', 60_000)).toBe(true);
      // Past the first take's 200 ms on the store's clock and on Redis's own (real time).
      now += 400;
      await new Promise((resolve) => setTimeout(resolve, 400));
      // Still held: the second take extended it past the first one's 200 ms.
      expect(await store.leases.acquire('e1', 'b', 1000)).toBe(false);
    });

    it('lists due outbox entries oldest first, and only those due', async () => {
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      await store.records.insert(
        makeRecord('late', { state: 'queued', createdAt: at(-1), nextAttemptAt: at(10) }),
      );
      await store.records.insert(
        makeRecord('newer', { state: 'retrying', createdAt: at(-2), nextAttemptAt: at(-1) }),
      );
      await store.records.insert(
        makeRecord('older', { state: 'queued', createdAt: at(-5), nextAttemptAt: at(0) }),
      );
      await store.records.insert(
        makeRecord('done', { state: 'done', createdAt: at(-9), nextAttemptAt: null }),
      );
      const due = await store.records.due(new Date(now), 10);
      expect(due.map((r) => r.escalationId)).toEqual(['older', 'newer']);
      expect((await store.records.due(new Date(now), 1)).map((r) => r.escalationId)).toEqual([
        'older',
      ]);
      await store.records.update('older', { state: 'done', nextAttemptAt: null });
      expect((await store.records.due(new Date(now), 10)).map((r) => r.escalationId)).toEqual([
        'newer',
      ]);
    });

    it('purges finished records untouched since the cutoff, up to the limit, and nothing else', async () => {
      // All inserted as last changed at the start time (10:00).
      await store.records.insert(
        makeRecord('done-old', { state: 'done', conversationId: 'conv-old' }),
      );
      await store.records.insert(makeRecord('refused-old', { state: 'refused' }));
      await store.records.insert(makeRecord('dead-old', { state: 'dead' }));
      await store.records.insert(
        makeRecord('queued-old', { state: 'queued', nextAttemptAt: new Date(now).toISOString() }),
      );
      await store.records.insert(makeRecord('done-recent', { state: 'done' }));
      now += 3_600_000;
      await store.records.appendReply('done-recent', reply('late')); // changed at 11:00
      const cutoff = new Date(now - 1_800_000); // 10:30
      expect(await store.records.purgeFinished(cutoff, 1)).toBe(1);
      expect(await store.records.purgeFinished(cutoff, 10)).toBe(1);
      expect(await store.records.purgeFinished(cutoff, 10)).toBe(0);
      expect(await store.records.get('done-old')).toBeNull();
      expect(await store.records.get('refused-old')).toBeNull();
      expect(await store.records.findByConversationId('conv-old')).toBeNull();
      const left = (await store.records.list()).map((r) => r.escalationId).sort();
      expect(left).toEqual(['dead-old', 'done-recent', 'queued-old']);
      expect(await store.records.countByState()).toMatchObject({ dead: 1, done: 1, queued: 1 });
      // A record finished later is purged once it too is past the cutoff.
      now += 3_600_000;
      expect(await store.records.purgeFinished(new Date(now), 10)).toBe(1);
    });

    it('counts by state, lists by state and purges dead records', async () => {
      await store.records.insert(makeRecord('a', { state: 'dead' }));
      await store.records.insert(makeRecord('b', { state: 'dead' }));
      await store.records.insert(
        makeRecord('c', { state: 'queued', nextAttemptAt: new Date(now).toISOString() }),
      );
      await store.records.update('c', { state: 'done', nextAttemptAt: null });
      expect(await store.records.countByState()).toMatchObject({ dead: 2, done: 1 });
      expect((await store.records.countByState()).queued ?? 0).toBe(0);
      expect(
        (await store.records.list({ states: ['dead'] })).map((r) => r.escalationId).sort(),
      ).toEqual(['a', 'b']);
      expect(await store.records.purgeDead()).toBe(2);
      expect(await store.records.get('a')).toBeNull();
      expect(await store.records.countByState()).toEqual({ done: 1 });
    });

    it('lists records whose later chat messages are due, soonest first, and drops them once idle', async () => {
      const outbox = (dueAt: string | null) => ({
        messageOutbox: { dueAt, attempts: 0, mayHaveLanded: false, lastError: null },
      });
      await store.records.insert(makeRecord('later', outbox('2026-11-24T10:00:09.000Z')));
      await store.records.insert(makeRecord('sooner', outbox('2026-11-24T10:00:01.000Z')));
      await store.records.insert(makeRecord('idle', outbox(null)));
      await store.records.insert(makeRecord('older-record')); // no later messages at all
      const at = (iso: string) => new Date(iso);
      const ids = async (iso: string) =>
        (await store.records.messagesDue(at(iso), 10)).map((r) => r.escalationId);
      expect(await ids('2026-11-24T10:00:05.000Z')).toEqual(['sooner']);
      expect(await ids('2026-11-24T10:00:10.000Z')).toEqual(['sooner', 'later']);
      expect(await store.records.messagesDue(at('2026-11-24T10:00:10.000Z'), 1)).toHaveLength(1);
      await store.records.updateWhere('sooner', () => outbox(null));
      expect(await ids('2026-11-24T10:00:10.000Z')).toEqual(['later']);
      await store.records.update('later', outbox('2026-11-24T10:00:20.000Z'));
      expect(await ids('2026-11-24T10:00:10.000Z')).toEqual([]);
    });

    it('finds an escalation by its Kustomer conversation id', async () => {
      await store.records.insert(makeRecord('e1'));
      expect(await store.records.findByConversationId('conv1')).toBeNull();
      await store.records.update('e1', {
        state: 'conversation_created',
        conversationId: 'conv1',
        routing: {
          teamId: null,
          teamName: null,
          priority: 3,
          ruleId: null,
          explanation: 'defaults',
        },
        result: { ...escalatedResult('e1'), conversationId: 'conv1' },
      });
      expect(await store.records.findByConversationId('conv1')).toBe('e1');
    });

    it('sees a webhook event id once within its ttl', async () => {
      expect(await store.events.markSeen('evt1', 60_000)).toBe(true);
      expect(await store.events.markSeen('evt1', 60_000)).toBe(false);
      expect(await store.events.markSeen('evt2', 60_000)).toBe(true);
    });

    it('counts hits in a fixed window and starts again in the next one', async () => {
      now = 1_000_000 * 60_000;
      expect(await store.counters.hit('ip:1', 60_000)).toBe(1);
      expect(await store.counters.hit('ip:1', 60_000)).toBe(2);
      expect(await store.counters.hit('ip:2', 60_000)).toBe(1);
      now += 60_000;
      expect(await store.counters.hit('ip:1', 60_000)).toBe(1);
    });

    it('round-trips settings and answers ping', async () => {
      expect(await store.settings.get()).toBeNull();
      const settings = {
        enabled: false,
        whenDisabled: 'queue' as const,
        defaultTeamId: null,
        defaultPriority: 3,
        transcriptSync: true,
        debug: false,
        routingRules: [],
        conversationAttributes: ['botIntentStr'],
      };
      await store.settings.save(settings);
      expect(await store.settings.get()).toEqual(settings);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps server values apart by key, replacing each whole, and copies what it hands out', async () => {
      expect(await store.serverValues.get('kustomer-webhook')).toBeNull();
      await store.serverValues.put('kustomer-webhook', { id: 'w1', token: 't1', events: ['a'] });
      await store.serverValues.put('kustomer-webhook-delivery', { at: 'x', verified: true });
      await store.serverValues.put('kustomer-webhook', { id: 'w2', token: 't2', events: ['b'] });
      const read = (await store.serverValues.get('kustomer-webhook')) as { events: string[] };
      expect(read).toEqual({ id: 'w2', token: 't2', events: ['b'] });
      read.events.push('changed outside');
      expect(await store.serverValues.get('kustomer-webhook')).toEqual({
        id: 'w2',
        token: 't2',
        events: ['b'],
      });
      expect(await store.serverValues.get('kustomer-webhook-delivery')).toEqual({
        at: 'x',
        verified: true,
      });
    });

    if (factory.second) {
      it('gives a lease to exactly one of two instances', async () => {
        const other = await factory.second!(clock);
        extra.push(other);
        const ids = Array.from({ length: 50 }, (_, i) => `lease-${i}`);
        const results = await Promise.all(
          ids.flatMap((id) => [
            store.leases.acquire(id, 'one', 30_000),
            other.leases.acquire(id, 'two', 30_000),
          ]),
        );
        for (let i = 0; i < ids.length; i += 1) {
          expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
        }
      });

      it('applies every conditional update once when two instances race on one record', async () => {
        const other = await factory.second!(clock);
        extra.push(other);
        await store.records.insert(makeRecord('e1'));
        const bump = (r: { attempts: number }) => ({ attempts: r.attempts + 1 });
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? store : other).records.updateWhere('e1', bump),
          ),
        );
        expect((await store.records.get('e1'))?.attempts).toBe(10);
      });

      it('stores a reply once when two instances append it at the same time', async () => {
        const other = await factory.second!(clock);
        extra.push(other);
        await store.records.insert(makeRecord('e1'));
        const added = await Promise.all([
          store.records.appendReply('e1', reply('r1')),
          other.records.appendReply('e1', reply('r1')),
        ]);
        expect(added.filter(Boolean)).toHaveLength(1);
        expect((await other.records.get('e1'))?.replies).toHaveLength(1);
      });
    }
  });
}

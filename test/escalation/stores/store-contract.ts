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
      const first = await store.insert(makeRecord('e1', { attempts: 1 }));
      const again = await store.insert(makeRecord('e1', { attempts: 9 }));
      expect(first.inserted).toBe(true);
      expect(again).toMatchObject({ inserted: false, record: { attempts: 1 } });
    });

    it('merges an update and stamps updatedAt from the clock', async () => {
      await store.insert(makeRecord('e1'));
      now += 5000;
      const updated = await store.update('e1', { state: 'customer_resolved', customerId: 'c1' });
      expect(updated).toMatchObject({ state: 'customer_resolved', customerId: 'c1' });
      expect(updated.updatedAt).toBe(new Date(now).toISOString());
      expect((await store.get('e1'))?.customerId).toBe('c1');
      expect(updated.request.customer.email).toBe('e1@example.com');
    });

    it('refuses to update an unknown escalation', async () => {
      await expect(store.update('missing', { attempts: 1 })).rejects.toThrow(/missing/);
    });

    it('updates where the change says so, from the current record, and leaves it otherwise', async () => {
      await store.insert(makeRecord('e1'));
      const bump = (r: { attempts: number }) =>
        r.attempts < 2 ? { attempts: r.attempts + 1 } : null;
      expect(await store.updateWhere('e1', bump)).toMatchObject({ attempts: 1 });
      expect(await store.updateWhere('e1', bump)).toMatchObject({ attempts: 2 });
      const before = await store.get('e1');
      now += 1_000;
      expect(await store.updateWhere('e1', bump)).toBeNull();
      expect(await store.get('e1')).toEqual(before);
      await expect(store.updateWhere('missing', bump)).rejects.toThrow(/missing/);
    });

    it('appends a reply once per reply id', async () => {
      await store.insert(makeRecord('e1'));
      expect(await store.appendReply('e1', reply('r1'))).toBe(true);
      expect(await store.appendReply('e1', reply('r1'))).toBe(false);
      expect(await store.appendReply('e1', reply('r2'))).toBe(true);
      expect((await store.get('e1'))?.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
    });

    it('grants a lease to one owner until it expires or the owner releases it', async () => {
      await store.insert(makeRecord('e1'));
      expect(await store.acquireLease('e1', 'a', 1000)).toBe(true);
      expect(await store.acquireLease('e1', 'b', 1000)).toBe(false);
      await store.releaseLease('e1', 'b');
      expect(await store.acquireLease('e1', 'b', 1000)).toBe(false);
      await store.releaseLease('e1', 'a');
      expect(await store.acquireLease('e1', 'b', 1000)).toBe(true);
    });

    it('finds the oldest waiting escalation and counts pending timelines', async () => {
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      const escalated = escalatedResult;
      expect(await store.oldestWaiting()).toBeNull();
      expect(await store.countTimelinePending()).toBe(0);
      await store.insert(makeRecord('dead', { state: 'dead', createdAt: at(-30) }));
      await store.insert(makeRecord('queued', { state: 'queued', createdAt: at(-5) }));
      await store.insert(makeRecord('retrying', { state: 'retrying', createdAt: at(-9) }));
      await store.insert(
        makeRecord('pending', { state: 'queued', createdAt: at(-1), result: escalated('pending') }),
      );
      await store.insert(makeRecord('done', { state: 'done', result: escalated('done') }));
      await store.insert(
        makeRecord('running', { state: 'conversation_created', result: escalated('running') }),
      );
      // Dead ones wait for an operator, not for an attempt.
      expect(await store.oldestWaiting()).toBe(at(-9));
      expect(await store.countTimelinePending()).toBe(2);
      await store.update('running', { state: 'done' });
      await store.update('retrying', { state: 'done' });
      expect(await store.oldestWaiting()).toBe(at(-5));
      expect(await store.countTimelinePending()).toBe(1);
    });

    it('lists at most the limit, oldest first', async () => {
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      for (const [id, minutes] of [
        ['b', -2],
        ['c', -1],
        ['a', -3],
        ['d', 0],
      ] as const)
        await store.insert(makeRecord(id, { state: 'queued', createdAt: at(minutes) }));
      const listed = await store.list({ states: ['queued'], limit: 2 });
      expect(listed.map((r) => r.escalationId)).toEqual(['a', 'b']);
    });

    it('lets the holder take its lease again, extending it, and nobody else', async () => {
      await store.insert(makeRecord('e1'));
      expect(await store.acquireLease('e1', 'a', 200)).toBe(true);
      expect(await store.acquireLease('e1', 'a', 60_000)).toBe(true);
      // Past the first take's 200 ms on the store's clock and on Redis's own (real time).
      now += 400;
      await new Promise((resolve) => setTimeout(resolve, 400));
      // Still held: the second take extended it past the first one's 200 ms.
      expect(await store.acquireLease('e1', 'b', 1000)).toBe(false);
    });

    it('lists due outbox entries oldest first, and only those due', async () => {
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      await store.insert(
        makeRecord('late', { state: 'queued', createdAt: at(-1), nextAttemptAt: at(10) }),
      );
      await store.insert(
        makeRecord('newer', { state: 'retrying', createdAt: at(-2), nextAttemptAt: at(-1) }),
      );
      await store.insert(
        makeRecord('older', { state: 'queued', createdAt: at(-5), nextAttemptAt: at(0) }),
      );
      await store.insert(
        makeRecord('done', { state: 'done', createdAt: at(-9), nextAttemptAt: null }),
      );
      const due = await store.due(new Date(now), 10);
      expect(due.map((r) => r.escalationId)).toEqual(['older', 'newer']);
      expect((await store.due(new Date(now), 1)).map((r) => r.escalationId)).toEqual(['older']);
      await store.update('older', { state: 'done', nextAttemptAt: null });
      expect((await store.due(new Date(now), 10)).map((r) => r.escalationId)).toEqual(['newer']);
    });

    it('purges finished records untouched since the cutoff, up to the limit, and nothing else', async () => {
      // All inserted as last changed at the start time (10:00).
      await store.insert(makeRecord('done-old', { state: 'done', conversationId: 'conv-old' }));
      await store.insert(makeRecord('refused-old', { state: 'refused' }));
      await store.insert(makeRecord('dead-old', { state: 'dead' }));
      await store.insert(
        makeRecord('queued-old', { state: 'queued', nextAttemptAt: new Date(now).toISOString() }),
      );
      await store.insert(makeRecord('done-recent', { state: 'done' }));
      now += 3_600_000;
      await store.appendReply('done-recent', reply('late')); // changed at 11:00
      const cutoff = new Date(now - 1_800_000); // 10:30
      expect(await store.purgeFinished(cutoff, 1)).toBe(1);
      expect(await store.purgeFinished(cutoff, 10)).toBe(1);
      expect(await store.purgeFinished(cutoff, 10)).toBe(0);
      expect(await store.get('done-old')).toBeNull();
      expect(await store.get('refused-old')).toBeNull();
      expect(await store.findByConversationId('conv-old')).toBeNull();
      const left = (await store.list()).map((r) => r.escalationId).sort();
      expect(left).toEqual(['dead-old', 'done-recent', 'queued-old']);
      expect(await store.countByState()).toMatchObject({ dead: 1, done: 1, queued: 1 });
      // A record finished later is purged once it too is past the cutoff.
      now += 3_600_000;
      expect(await store.purgeFinished(new Date(now), 10)).toBe(1);
    });

    it('counts by state, lists by state and purges dead records', async () => {
      await store.insert(makeRecord('a', { state: 'dead' }));
      await store.insert(makeRecord('b', { state: 'dead' }));
      await store.insert(
        makeRecord('c', { state: 'queued', nextAttemptAt: new Date(now).toISOString() }),
      );
      await store.update('c', { state: 'done', nextAttemptAt: null });
      expect(await store.countByState()).toMatchObject({ dead: 2, done: 1 });
      expect((await store.countByState()).queued ?? 0).toBe(0);
      expect((await store.list({ states: ['dead'] })).map((r) => r.escalationId).sort()).toEqual([
        'a',
        'b',
      ]);
      expect(await store.purgeDead()).toBe(2);
      expect(await store.get('a')).toBeNull();
      expect(await store.countByState()).toEqual({ done: 1 });
    });

    it('lists records whose later chat messages are due, soonest first, and drops them once idle', async () => {
      const outbox = (dueAt: string | null) => ({
        messageOutbox: { dueAt, attempts: 0, mayHaveLanded: false, lastError: null },
      });
      await store.insert(makeRecord('later', outbox('2026-11-24T10:00:09.000Z')));
      await store.insert(makeRecord('sooner', outbox('2026-11-24T10:00:01.000Z')));
      await store.insert(makeRecord('idle', outbox(null)));
      await store.insert(makeRecord('older-record')); // no later messages at all
      const at = (iso: string) => new Date(iso);
      const ids = async (iso: string) =>
        (await store.messagesDue(at(iso), 10)).map((r) => r.escalationId);
      expect(await ids('2026-11-24T10:00:05.000Z')).toEqual(['sooner']);
      expect(await ids('2026-11-24T10:00:10.000Z')).toEqual(['sooner', 'later']);
      expect(await store.messagesDue(at('2026-11-24T10:00:10.000Z'), 1)).toHaveLength(1);
      await store.updateWhere('sooner', () => outbox(null));
      expect(await ids('2026-11-24T10:00:10.000Z')).toEqual(['later']);
      await store.update('later', outbox('2026-11-24T10:00:20.000Z'));
      expect(await ids('2026-11-24T10:00:10.000Z')).toEqual([]);
    });

    it('finds an escalation by its Kustomer conversation id', async () => {
      await store.insert(makeRecord('e1'));
      expect(await store.findByConversationId('conv1')).toBeNull();
      await store.update('e1', { conversationId: 'conv1' });
      expect(await store.findByConversationId('conv1')).toBe('e1');
    });

    it('sees a webhook event id once within its ttl', async () => {
      expect(await store.markEventSeen('evt1', 60_000)).toBe(true);
      expect(await store.markEventSeen('evt1', 60_000)).toBe(false);
      expect(await store.markEventSeen('evt2', 60_000)).toBe(true);
    });

    it('counts hits in a fixed window and starts again in the next one', async () => {
      now = 1_000_000 * 60_000;
      expect(await store.hit('ip:1', 60_000)).toBe(1);
      expect(await store.hit('ip:1', 60_000)).toBe(2);
      expect(await store.hit('ip:2', 60_000)).toBe(1);
      now += 60_000;
      expect(await store.hit('ip:1', 60_000)).toBe(1);
    });

    it('round-trips settings and answers ping', async () => {
      expect(await store.getSettings()).toBeNull();
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
      await store.saveSettings(settings);
      expect(await store.getSettings()).toEqual(settings);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps server values apart by key, replacing each whole, and copies what it hands out', async () => {
      expect(await store.getServerValue('kustomer-webhook')).toBeNull();
      await store.putServerValue('kustomer-webhook', { id: 'w1', token: 't1', events: ['a'] });
      await store.putServerValue('kustomer-webhook-delivery', { at: 'x', verified: true });
      await store.putServerValue('kustomer-webhook', { id: 'w2', token: 't2', events: ['b'] });
      const read = (await store.getServerValue('kustomer-webhook')) as { events: string[] };
      expect(read).toEqual({ id: 'w2', token: 't2', events: ['b'] });
      read.events.push('changed outside');
      expect(await store.getServerValue('kustomer-webhook')).toEqual({
        id: 'w2',
        token: 't2',
        events: ['b'],
      });
      expect(await store.getServerValue('kustomer-webhook-delivery')).toEqual({
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
            store.acquireLease(id, 'one', 30_000),
            other.acquireLease(id, 'two', 30_000),
          ]),
        );
        for (let i = 0; i < ids.length; i += 1) {
          expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
        }
      });

      it('applies every conditional update once when two instances race on one record', async () => {
        const other = await factory.second!(clock);
        extra.push(other);
        await store.insert(makeRecord('e1'));
        const bump = (r: { attempts: number }) => ({ attempts: r.attempts + 1 });
        await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).updateWhere('e1', bump)),
        );
        expect((await store.get('e1'))?.attempts).toBe(10);
      });

      it('stores a reply once when two instances append it at the same time', async () => {
        const other = await factory.second!(clock);
        extra.push(other);
        await store.insert(makeRecord('e1'));
        const added = await Promise.all([
          store.appendReply('e1', reply('r1')),
          other.appendReply('e1', reply('r1')),
        ]);
        expect(added.filter(Boolean)).toHaveLength(1);
        expect((await other.get('e1'))?.replies).toHaveLength(1);
      });
    }
  });
}

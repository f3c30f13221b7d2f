/**
 * wrapStore is what the outage guard, the change signal and the tests' fault wrappers stand on:
 * every port's methods and the store's own pass through it by name, nothing else does.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/escalation/stores/index.js';
import { wrapStore } from '../../../src/escalation/stores/wrap-store.js';
import { makeRecord } from './record-factory.js';

describe('wrapStore', () => {
  it('passes each port call and the store calls through `around` by name, with their answers', async () => {
    const names: string[] = [];
    const store = wrapStore(createMemoryStore(), async ({ name, proceed }) => {
      names.push(name);
      return proceed();
    });
    await store.records.insert(makeRecord('e1'));
    expect((await store.records.get('e1'))?.escalationId).toBe('e1');
    expect(await store.leases.acquire('e1', 'a', 1_000)).toBe(true);
    expect(await store.counters.hit('ip', 60_000)).toBe(1);
    await store.settings.get();
    await store.ping();
    await store.durability();
    expect(store.kind).toBe('memory');
    expect(store.keyCount()).toBe(2); // the lease and the count; an extra: not wrapped, synchronous
    await store.close();
    expect(names).toEqual([
      'records.insert',
      'records.get',
      'leases.acquire',
      'counters.hit',
      'settings.get',
      'ping',
      'durability',
      'close',
    ]);
  });

  it('can refuse a call before it reaches the store, and leaves the skipped ones alone', async () => {
    const inner = createMemoryStore();
    const store = wrapStore(
      inner,
      () => Promise.reject(new Error('down')),
      (name) => name === 'close',
    );
    await expect(store.records.insert(makeRecord('e1'))).rejects.toThrow('down');
    await expect(store.serverValues.put('k', 1)).rejects.toThrow('down');
    expect(await inner.records.get('e1')).toBeNull();
    expect(await inner.serverValues.get('k')).toBeNull();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  createFileStore,
  createMemoryStore,
  createRedisStore,
} from '../../../src/escalation/stores/index.js';
import { useBackends } from './backends.js';
import { makeRecord } from './record-factory.js';
import { describeStoreContract } from './store-contract.js';

const backends = useBackends('store');

describeStoreContract('memory', { make: async (clock) => createMemoryStore({ clock }) });

describeStoreContract('file', {
  async make(clock) {
    return createFileStore({ dir: backends.tempDir(), clock });
  },
});

let currentPrefix = '';
describeStoreContract('redis', {
  async make(clock) {
    currentPrefix = backends.prefix('test');
    return createRedisStore({ url: backends.redisUrl(), keyPrefix: currentPrefix, clock });
  },
  async second(clock) {
    return createRedisStore({ url: backends.redisUrl(), keyPrefix: currentPrefix, clock });
  },
});

describe('rate-limit counters in memory', () => {
  it('are forgotten once their window has ended (Redis expires its own keys)', async () => {
    let now = 1_000_000 * 60_000;
    const store = createMemoryStore({ clock: () => now });
    for (let i = 0; i < 500; i += 1) await store.counters.hit(`ip:${i}`, 60_000);
    expect(store.keyCount()).toBe(500);
    now += 30_000;
    await store.counters.hit('ip:0', 60_000);
    // Mid-window: every counter still counts.
    expect(store.keyCount()).toBe(500);
    now += 30_000;
    expect(await store.counters.hit('ip:new', 60_000)).toBe(1);
    expect(store.keyCount()).toBe(1);
  });
});

describe('redis summary fields', () => {
  it('reads records written before the createdAt and timeline fields existed', async () => {
    const prefix = backends.prefix('legacy');
    const store = createRedisStore({ url: backends.redisUrl(), keyPrefix: prefix });
    const raw = new Redis(backends.redisUrl());
    try {
      const createdAt = '2026-11-24T09:00:00.000Z';
      await store.records.insert(makeRecord('old', { state: 'queued', createdAt }));
      await store.records.insert(makeRecord('new', { state: 'queued' }));
      // As an older version of the store wrote it: the JSON and its version only.
      await raw.hdel(`${prefix}rec:old`, 'c', 'p');
      expect(await store.records.oldestWaiting()).toBe(createdAt);
      expect((await store.records.list({ states: ['queued'], limit: 1 }))[0]?.escalationId).toBe(
        'old',
      );
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});

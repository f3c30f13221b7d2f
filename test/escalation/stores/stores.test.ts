import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFileStore,
  createMemoryStore,
  createRedisStore,
} from '../../../src/escalation/stores/index.js';
import { startRedis } from '../../support/redis.js';
import { makeRecord } from './record-factory.js';
import { describeStoreContract } from './store-contract.js';

const dirs: string[] = [];
let redis: { url: string; stop(): Promise<void> };
let prefixSeq = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('memory', { make: async (clock) => createMemoryStore({ clock }) });

describeStoreContract('file', {
  async make(clock) {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    dirs.push(dir);
    return createFileStore({ dir, clock });
  },
});

let currentPrefix = '';
describeStoreContract('redis', {
  async make(clock) {
    currentPrefix = `test${++prefixSeq}:`;
    return createRedisStore({ url: redis.url, keyPrefix: currentPrefix, clock });
  },
  async second(clock) {
    return createRedisStore({ url: redis.url, keyPrefix: currentPrefix, clock });
  },
});

describe('rate-limit counters in memory', () => {
  it('are forgotten once their window has ended (Redis expires its own keys)', async () => {
    let now = 1_000_000 * 60_000;
    const store = createMemoryStore({ clock: () => now });
    for (let i = 0; i < 500; i += 1) await store.counters.hit(`ip:${i}`, 60_000);
    expect(store.counterCount()).toBe(500);
    now += 30_000;
    await store.counters.hit('ip:0', 60_000);
    // Mid-window: every counter still counts.
    expect(store.counterCount()).toBe(500);
    now += 30_000;
    expect(await store.counters.hit('ip:new', 60_000)).toBe(1);
    expect(store.counterCount()).toBe(1);
  });
});

describe('redis summary fields', () => {
  it('reads records written before the createdAt and timeline fields existed', async () => {
    const prefix = `legacy${++prefixSeq}:`;
    const store = createRedisStore({ url: redis.url, keyPrefix: prefix });
    const raw = new Redis(redis.url);
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

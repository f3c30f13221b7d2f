/**
 * What each store says of its own durability: Redis by its live persistence settings (the
 * crash itself is in test/server/store-durability.test.ts), file and memory by what they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeRedisPersistence } from '../../../src/escalation/stores/durability.js';
import { createMemoryStore, createRedisStore } from '../../../src/escalation/stores/index.js';
import { startRedis, type RedisHandle } from '../../support/redis.js';

describe('judging Redis persistence', () => {
  it.each([
    [{ host: 'x', aofEnabled: true, appendfsync: 'always' }, 'durable'],
    [{ host: 'x', aofEnabled: true, appendfsync: 'everysec' }, 'durable'],
    [{ host: 'x', aofEnabled: true, appendfsync: 'no' }, 'weak'],
    [{ host: 'x', aofEnabled: false, appendfsync: 'everysec' }, 'volatile'],
    // Hosted Redis that refuses INFO and CONFIG: not assumed either way.
    [{ host: 'redis.example.net', aofEnabled: null, appendfsync: null }, 'unknown'],
    // Upstash (Vercel's Redis and KV): persistence is always on and not configurable.
    [{ host: 'eu1-fine-cat-12345.upstash.io', aofEnabled: null, appendfsync: null }, 'durable'],
  ] as const)('%o is %s', (facts, level) => {
    expect(judgeRedisPersistence(facts).level).toBe(level);
  });
});

describe('a live redis-server', () => {
  let withAof: RedisHandle;
  let without: RedisHandle;
  beforeAll(async () => {
    [withAof, without] = await Promise.all([
      startRedis({ persistence: 'aof' }),
      startRedis({ persistence: 'none' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withAof.stop(), without.stop()]);
  });

  it('reports its persistence settings through the store', async () => {
    const durable = createRedisStore({ url: withAof.url });
    const volatile = createRedisStore({ url: without.url });
    try {
      expect((await durable.durability!()).level).toBe('durable');
      expect((await volatile.durability!()).level).toBe('volatile');
    } finally {
      await Promise.all([durable.close(), volatile.close()]);
    }
    expect((await createMemoryStore().durability!()).level).toBe('volatile');
  });
});

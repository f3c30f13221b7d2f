/**
 * The shared store for several instances and serverless hosts (Redis, Upstash, Vercel's Redis):
 * the records with their indexes and analytics counters (redis-records.ts), and the simple ports
 * over the Redis key-value backend (redis-key-value.ts: a lease is taken in one script and
 * released only by its owner, so two drainers on two instances never hold the same escalation).
 */
import { Redis } from 'ioredis';
import type { EscalationStore } from '../store.js';
import { probeRedisPersistence } from './durability.js';
import { keyValuePorts } from './key-value-ports.js';
import { redisKeyValue } from './redis-key-value.js';
import { redisRecords } from './redis-records.js';

export interface RedisStoreOptions {
  url: string;
  /** @default 'kustomer-escalation:' */
  keyPrefix?: string;
  clock?: () => number;
}

export function createRedisStore(options: RedisStoreOptions): EscalationStore {
  const redis = new Redis(options.url, {
    maxRetriesPerRequest: 2,
    lazyConnect: false,
    enableAutoPipelining: true,
  });
  const now = options.clock ?? Date.now;
  const prefix = options.keyPrefix ?? 'kustomer-escalation:';
  return {
    kind: 'redis',
    ...redisRecords(redis, prefix, now),
    ...keyValuePorts(redisKeyValue(redis, prefix), now),
    async ping() {
      await redis.ping();
    },
    durability: () => probeRedisPersistence(redis, options.url),
    async close() {
      await redis.quit();
    },
  };
}

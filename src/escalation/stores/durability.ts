/**
 * Whether a store keeps what it has said it stored, through a crash of the store itself. The
 * outbox's promise ("queued: it will be delivered exactly once") holds only then: a Redis that
 * forgets after a restart loses the queued escalations and, having forgotten the delivered ones,
 * creates a second conversation when the chat retries one.
 *
 * Redis persists only with the append-only file (AOF): RDB snapshots lose every write since the
 * last one. With `appendfsync always` or `everysec` Redis writes each change to the file before
 * it answers, so a killed Redis loses nothing; everysec may lose the last second only if the
 * machine itself loses power. With `appendfsync no` the OS decides when (about 30 s on Linux).
 * https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/
 * Upstash (behind Vercel's Redis and KV integrations) persists every write to block storage and
 * has no setting for it: https://upstash.com/docs/redis/features/durability
 */
import type { Redis } from 'ioredis';

export type DurabilityLevel = 'durable' | 'weak' | 'volatile' | 'unknown';

export interface StoreDurability {
  level: DurabilityLevel;
  detail: string;
}

export interface RedisPersistenceFacts {
  host: string;
  /** INFO persistence's aof_enabled; null when INFO is not allowed. */
  aofEnabled: boolean | null;
  /** CONFIG GET appendfsync; null when CONFIG is not allowed (most hosted Redis). */
  appendfsync: string | null;
}

const UPSTASH = /(^|\.)upstash\.io$/i;

export function judgeRedisPersistence(facts: RedisPersistenceFacts): StoreDurability {
  if (UPSTASH.test(facts.host))
    return { level: 'durable', detail: 'Upstash: every write is persisted to block storage' };
  if (facts.aofEnabled === null)
    return {
      level: 'unknown',
      detail: 'this Redis does not say whether it persists (INFO persistence is not allowed)',
    };
  if (!facts.aofEnabled)
    return {
      level: 'volatile',
      detail:
        'appendonly no: a Redis restart loses every write since its last snapshot, queued escalations included',
    };
  if (facts.appendfsync === 'no')
    return {
      level: 'weak',
      detail:
        'appendonly yes with appendfsync no: a crash of the machine can lose the last ~30 s of writes',
    };
  const fsync = facts.appendfsync ?? 'not readable';
  return {
    level: 'durable',
    detail: `appendonly yes, appendfsync ${fsync}: every write is in the file before Redis answers`,
  };
}

/** Reads the persistence settings of a live Redis (two read-only commands). */
export async function probeRedisPersistence(redis: Redis, url: string): Promise<StoreDurability> {
  const info = await redis.info('persistence').catch(() => null);
  const aof = info === null ? undefined : /^aof_enabled:(\d)/m.exec(info)?.[1];
  const fsync = await redis
    .config('GET', 'appendfsync')
    .then((pair) => (Array.isArray(pair) && typeof pair[1] === 'string' ? pair[1] : null))
    .catch(() => null);
  return judgeRedisPersistence({
    host: new URL(url).hostname,
    aofEnabled: aof === undefined ? null : aof === '1',
    appendfsync: fsync,
  });
}

export const FILE_DURABILITY: StoreDurability = {
  level: 'durable',
  detail: 'file store: every write is fsynced before it is answered',
};

export const MEMORY_DURABILITY: StoreDurability = {
  level: 'volatile',
  detail: 'memory store: everything is lost when the process stops',
};

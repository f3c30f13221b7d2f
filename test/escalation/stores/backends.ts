/**
 * What the tests of every backend share: one real redis-server for the file (started before, and
 * stopped after, its tests), fresh key prefixes on it, and temp folders removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type RedisHandle } from '../../support/redis.js';

export function useBackends(name: string) {
  let redis: RedisHandle | null = null;
  const dirs: string[] = [];
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return {
    redisUrl(): string {
      if (!redis) throw new Error('redis-server is not started yet (use it inside a test)');
      return redis.url;
    },
    /** A key prefix no other test of this file uses. */
    prefix: (kind = name) => `${kind}${++prefixes}:`,
    tempDir(): string {
      const dir = mkdtempSync(join(tmpdir(), `${name}-`));
      dirs.push(dir);
      return dir;
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  createFileStore,
  createMemoryStore,
  createRedisStore,
} from '../../../src/escalation/stores/index.js';
import { startRedis } from '../../support/redis.js';
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

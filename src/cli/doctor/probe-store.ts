/**
 * The doctor's look at the durable store: can it be reached, what is waiting in the outbox, and
 * which settings are saved. Read-only: a file store folder that does not exist yet is reported,
 * not created, and Redis is pinged with a short-lived connection before the store is opened (a
 * store client would keep reconnecting to a dead server).
 */
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createOutboxViews } from '../../escalation/outbox.js';
import type { EscalationStore } from '../../escalation/store.js';
import { createStore } from '../../escalation/stores/index.js';
import type { ServerEnv } from '../../server/env.js';
import type { Environment } from '../environment.js';
import { readThroughServer } from './probe-server.js';
import type { StoreFacts } from './types.js';

const REDIS_TIMEOUT_MS = 3000;

async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: REDIS_TIMEOUT_MS,
    // After a refused connection ioredis otherwise waits 2 s before letting the process exit.
    disconnectTimeout: 100,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis rejects connect() with "Connection is closed"; the error event says why (ECONNREFUSED...).
  let cause: Error | null = null;
  redis.on('error', (error: Error) => void (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    redis.disconnect();
  }
}

function storeWhere(env: ServerEnv): string {
  if (env.store === 'file') return `STORE_DIR=${env.storeDir}`;
  if (env.store === 'redis') return 'REDIS_URL';
  return 'memory (this process only)';
}

async function readStore(store: EscalationStore, facts: StoreFacts): Promise<void> {
  await store.ping();
  facts.summary = await createOutboxViews(store, () => null).summary();
  facts.storedSettings = await store.settings.get();
  facts.durability = (await store.durability?.()) ?? null;
}

/** The server holding the lock has what the doctor wanted to read: ask it. */
async function readLocked(env: ServerEnv, environment: Environment, facts: StoreFacts) {
  const read = await readThroughServer(env, environment);
  if (!read.ok) {
    facts.readThrough = read;
    return;
  }
  facts.readThrough = { ok: true, value: read.value.url };
  facts.summary = read.value.summary;
  facts.storedSettings = read.value.settings;
}

export async function probeStore(env: ServerEnv, environment: Environment): Promise<StoreFacts> {
  const facts: StoreFacts = {
    kind: env.store,
    where: storeWhere(env),
    reachable: { ok: true, value: true },
    lockedBy: null,
    readThrough: null,
    summary: null,
    storedSettings: null,
    durability: null,
  };
  if (env.store === 'file' && !existsSync(env.storeDir)) {
    facts.summary = {
      queued: 0,
      retrying: 0,
      dead: 0,
      oldestQueuedAt: null,
      timelinePending: 0,
    };
    return facts;
  }
  let store: EscalationStore | null = null;
  try {
    if (env.store === 'redis') await pingRedis(env.redisUrl!);
    store = await createStore({
      kind: env.store,
      dir: env.storeDir,
      ...(env.redisUrl ? { redisUrl: env.redisUrl } : {}),
    });
    await readStore(store, facts);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/in use by process/.test(message)) facts.lockedBy = message;
    else facts.reachable = { ok: false, message };
  } finally {
    await store?.close();
  }
  if (facts.lockedBy) await readLocked(env, environment, facts);
  return facts;
}

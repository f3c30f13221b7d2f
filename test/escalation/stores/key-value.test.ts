/**
 * The key-value primitive on every backend (the contract), what the file backend keeps through a
 * restart (and what it must not), and that data the stores wrote before the primitive existed
 * reads the same through the ports.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { openAppendLog, readLog } from '../../../src/escalation/stores/append-log.js';
import { fileKeyValue, replayKeyValue } from '../../../src/escalation/stores/file-key-value.js';
import { createMemoryKeyValue } from '../../../src/escalation/stores/memory-key-value.js';
import { redisKeyValue } from '../../../src/escalation/stores/redis-key-value.js';
import { createFileStore, createRedisStore } from '../../../src/escalation/stores/index.js';
import { useBackends } from './backends.js';
import { describeKeyValueContract } from './key-value-contract.js';

const backends = useBackends('kv');
const tempDir = backends.tempDir;

/** The file backend over its own log in `dir`, replayed as the file store replays it. */
async function openFileKeyValue(dir: string, clock: () => number) {
  const path = join(dir, 'kv.log');
  const entries = await readLog(path);
  const index = createMemoryKeyValue(clock);
  for (const entry of entries) replayKeyValue(index, entry as { op: string });
  const log = await openAppendLog(path, entries.length);
  return {
    kv: fileKeyValue(index, (logged) => log.append(logged), clock),
    close: () => log.close(),
  };
}

describeKeyValueContract('memory', {
  make: async (clock) => ({ kv: createMemoryKeyValue(clock), close: async () => {} }),
});

describeKeyValueContract('file', { make: (clock) => openFileKeyValue(tempDir(), clock) });

let currentPrefix = '';
const openRedis = (prefix: string) => {
  const client = new Redis(backends.redisUrl());
  return { kv: redisKeyValue(client, prefix), close: async () => void (await client.quit()) };
};
describeKeyValueContract('redis', {
  async make() {
    currentPrefix = backends.prefix();
    return openRedis(currentPrefix);
  },
  second: async () => openRedis(currentPrefix),
});

describe('the file key-value backend through a restart', () => {
  it('keeps what is put and what is set until a ttl, and forgets leases and counters', async () => {
    const dir = tempDir();
    let now = 1_000_000;
    const clock = () => now;
    const first = await openFileKeyValue(dir, clock);
    await first.kv.put('settings', '{"a":1}');
    await first.kv.setIfAbsent('seen:e1', '1', { ttlMs: 10_000 });
    await first.kv.setIfAbsent('seen:gone', '1', { ttlMs: 10_000 });
    await first.kv.setIfAbsent('lease:x', 'owner', {
      ttlMs: 10_000,
      reentrant: true,
      volatile: true,
    });
    await first.kv.increment('hit:ip:1', 10_000);
    await first.close();

    const second = await openFileKeyValue(dir, clock);
    expect(await second.kv.get('settings')).toBe('{"a":1}');
    expect(await second.kv.setIfAbsent('seen:e1', '1', { ttlMs: 10_000 })).toBe(false);
    expect(await second.kv.get('lease:x')).toBeNull();
    expect(await second.kv.increment('hit:ip:1', 10_000)).toBe(1);
    expect(await second.kv.deleteIfEquals('seen:gone', '1')).toBe(true);
    await second.close();

    now += 10_001; // the seen mark's ttl ran out while the process was down
    const third = await openFileKeyValue(dir, clock);
    expect(await third.kv.get('seen:gone')).toBeNull();
    expect(await third.kv.setIfAbsent('seen:e1', '1', { ttlMs: 10_000 })).toBe(true);
    expect(await third.kv.get('settings')).toBe('{"a":1}');
    await third.close();
  });

  it('reads the settings, seen marks and server values of a log written before it', async () => {
    const dir = tempDir();
    const now = Date.now();
    const legacy = [
      { op: 'settings', settings: { enabled: false, routingRules: [] } },
      { op: 'seen', id: 'evt-old', until: now + 60_000 },
      { op: 'server', key: 'kustomer-webhook', value: { id: 'w1', token: 'tok' } },
    ];
    appendFileSync(
      join(dir, 'escalations.log'),
      legacy.map((e) => JSON.stringify(e)).join('\n') + '\n',
    );
    const store = await createFileStore({ dir });
    expect(await store.settings.get()).toEqual({ enabled: false, routingRules: [] });
    expect(await store.events.markSeen('evt-old', 60_000)).toBe(false);
    expect(await store.events.markSeen('evt-new', 60_000)).toBe(true);
    expect(await store.serverValues.get('kustomer-webhook')).toEqual({ id: 'w1', token: 'tok' });
    await store.close();
  });
});

describe('the redis store after the key-value backend', () => {
  it('reads settings, server values, seen marks and leases where the store always kept them', async () => {
    const prefix = backends.prefix('legacy');
    const raw = new Redis(backends.redisUrl());
    await raw.set(`${prefix}settings`, JSON.stringify({ enabled: true, routingRules: [] }));
    await raw.set(`${prefix}server:kustomer-webhook`, JSON.stringify({ id: 'w1' }));
    await raw.set(`${prefix}seen:evt-old`, '1', 'PX', 60_000);
    await raw.set(`${prefix}lease:esc-1`, 'owner-a', 'PX', 60_000);
    const store = createRedisStore({ url: backends.redisUrl(), keyPrefix: prefix });
    expect(await store.settings.get()).toEqual({ enabled: true, routingRules: [] });
    expect(await store.serverValues.get('kustomer-webhook')).toEqual({ id: 'w1' });
    expect(await store.events.markSeen('evt-old', 60_000)).toBe(false);
    expect(await store.leases.acquire('esc-1', 'owner-b', 60_000)).toBe(false);
    expect(await store.leases.acquire('esc-1', 'owner-a', 60_000)).toBe(true);
    await store.close();
    await raw.quit();
  });
});

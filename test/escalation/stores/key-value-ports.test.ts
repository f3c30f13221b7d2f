/**
 * The simple ports, written once over the key-value backend: what each asks of the backend (the
 * keys the Redis store has always used, so data written before stays readable), and what each
 * promises, over the memory backend (the store contract runs them over every backend).
 */
import { describe, expect, it } from 'vitest';
import type { KeyValueBackend } from '../../../src/escalation/stores/key-value.js';
import { keyValuePorts } from '../../../src/escalation/stores/key-value-ports.js';
import { createMemoryKeyValue } from '../../../src/escalation/stores/memory-key-value.js';

const MINUTE = 60_000;

/** The memory backend, noting each call made on it. */
function recorded(clock: () => number) {
  const calls: unknown[][] = [];
  const inner = createMemoryKeyValue(clock);
  const kv = Object.fromEntries(
    (['get', 'put', 'setIfAbsent', 'increment', 'deleteIfEquals'] as const).map((op) => [
      op,
      (...args: unknown[]) => {
        calls.push([op, ...args]);
        return (inner[op] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as KeyValueBackend;
  return { kv, calls };
}

function setup(start = 1_000 * MINUTE) {
  let now = start;
  const clock = () => now;
  const { kv, calls } = recorded(clock);
  return { ports: keyValuePorts(kv, clock), calls, pass: (ms: number) => (now += ms) };
}

describe('the simple ports over one key-value backend', () => {
  it('keys each concern as the Redis store always has: lease:, seen:, hit:<key>:<window>, settings, server:', async () => {
    const { ports, calls } = setup(1_000 * MINUTE + 5_000);
    await ports.leases.acquire('esc-1', 'owner-a', 30_000);
    await ports.leases.release('esc-1', 'owner-a');
    await ports.events.markSeen('evt-1', 86_400_000);
    await ports.counters.hit('ip:10.0.0.1', MINUTE);
    await ports.settings.save({ enabled: true } as never);
    await ports.serverValues.put('kustomer-webhook', { id: 'w1' });
    await ports.serverValues.get('kustomer-webhook');
    expect(calls).toEqual([
      ['setIfAbsent', 'lease:esc-1', 'owner-a', { ttlMs: 30_000, reentrant: true, volatile: true }],
      ['deleteIfEquals', 'lease:esc-1', 'owner-a'],
      ['setIfAbsent', 'seen:evt-1', '1', { ttlMs: 86_400_000 }],
      ['increment', `hit:ip:10.0.0.1:${1_000 * MINUTE}`, MINUTE],
      ['put', 'settings', '{"enabled":true}'],
      ['put', 'server:kustomer-webhook', '{"id":"w1"}'],
      ['get', 'server:kustomer-webhook'],
    ]);
  });

  it('leases: one holder at a time, re-entrant for the holder, free after release or ttl', async () => {
    const { ports, pass } = setup();
    expect(await ports.leases.acquire('e1', 'a', 1_000)).toBe(true);
    expect(await ports.leases.acquire('e1', 'b', 1_000)).toBe(false);
    expect(await ports.leases.acquire('e1', 'a', 1_000)).toBe(true);
    await ports.leases.release('e1', 'b'); // not b's: stays a's
    expect(await ports.leases.acquire('e1', 'b', 1_000)).toBe(false);
    await ports.leases.release('e1', 'a');
    expect(await ports.leases.acquire('e1', 'b', 1_000)).toBe(true);
    pass(1_001);
    expect(await ports.leases.acquire('e1', 'c', 1_000)).toBe(true);
  });

  it('events: an id is new once within its ttl, and new again after it', async () => {
    const { ports, pass } = setup();
    expect(await ports.events.markSeen('evt', 1_000)).toBe(true);
    expect(await ports.events.markSeen('evt', 1_000)).toBe(false);
    pass(1_001);
    expect(await ports.events.markSeen('evt', 1_000)).toBe(true);
  });

  it('counters: hits count within the fixed window the clock is in, per key', async () => {
    const { ports, pass } = setup(1_000 * MINUTE + 59_000);
    expect(await ports.counters.hit('ip:1', MINUTE)).toBe(1);
    expect(await ports.counters.hit('ip:1', MINUTE)).toBe(2);
    expect(await ports.counters.hit('ip:2', MINUTE)).toBe(1);
    pass(1_000); // the next window starts, though the first hit is 1 s old
    expect(await ports.counters.hit('ip:1', MINUTE)).toBe(1);
  });

  it('settings and server values: null until put, then a copy of the last value put', async () => {
    const { ports } = setup();
    expect(await ports.settings.get()).toBeNull();
    expect(await ports.serverValues.get('k')).toBeNull();
    const value = { id: 'w1', events: ['a'] };
    await ports.serverValues.put('k', value);
    value.events.push('changed after put');
    const read = (await ports.serverValues.get('k')) as typeof value;
    expect(read).toEqual({ id: 'w1', events: ['a'] });
    read.events.push('changed after get');
    expect(await ports.serverValues.get('k')).toEqual({ id: 'w1', events: ['a'] });
    expect(await ports.serverValues.get('other')).toBeNull();
  });
});

/**
 * The key-value primitive's contract, run against every backend: the simple ports are written
 * once over it (key-value-ports.ts), so what they promise rests on exactly these guarantees.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueBackend } from '../../../src/escalation/stores/key-value.js';

export interface OpenedKeyValue {
  kv: KeyValueBackend;
  close(): Promise<void>;
}

export interface KeyValueFactory {
  /** A fresh, empty backend whose clock the test controls. */
  make(clock: () => number): Promise<OpenedKeyValue>;
  /** A second handle on the same data (another instance), where several may share it. */
  second?(clock: () => number): Promise<OpenedKeyValue>;
}

export function describeKeyValueContract(name: string, factory: KeyValueFactory): void {
  describe(`${name} key-value backend contract`, () => {
    let now = 1_000_000_000_000;
    const clock = () => now;
    let opened: OpenedKeyValue;
    let kv: KeyValueBackend;
    const extra: OpenedKeyValue[] = [];

    beforeEach(async () => {
      now = 1_000_000_000_000;
      opened = await factory.make(clock);
      kv = opened.kv;
    });
    afterEach(async () => {
      for (const other of extra.splice(0)) await other.close();
      await opened.close();
    });

    it('reads null for a key never put, then the value put, replaced by the next put', async () => {
      expect(await kv.get('a')).toBeNull();
      await kv.put('a', '{"x":1}');
      expect(await kv.get('a')).toBe('{"x":1}');
      await kv.put('a', 'two');
      expect(await kv.get('a')).toBe('two');
      expect(await kv.get('b')).toBeNull();
    });

    /** Time passes on the test's clock and on Redis's own (real time). */
    const pass = async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setTimeout(resolve, ms));
    };

    it('sets a key only while it is absent, until its ttl runs out', async () => {
      expect(await kv.setIfAbsent('k', 'one', { ttlMs: 60_000 })).toBe(true);
      expect(await kv.setIfAbsent('k', 'two', { ttlMs: 60_000 })).toBe(false);
      expect(await kv.setIfAbsent('k', 'one', { ttlMs: 60_000 })).toBe(false);
      expect(await kv.get('k')).toBe('one');
      expect(await kv.setIfAbsent('short', 'one', { ttlMs: 200 })).toBe(true);
      await pass(400);
      expect(await kv.get('short')).toBeNull();
      expect(await kv.setIfAbsent('short', 'two', { ttlMs: 60_000 })).toBe(true);
      expect(await kv.get('short')).toBe('two');
      expect(await kv.get('k')).toBe('one');
    });

    it('lets a reentrant set extend its own value and refuses any other', async () => {
      const lease = (ttlMs: number) => ({ ttlMs, reentrant: true, volatile: true });
      expect(await kv.setIfAbsent('l', 'a', lease(200))).toBe(true);
      expect(await kv.setIfAbsent('l', 'b', lease(200))).toBe(false);
      expect(await kv.setIfAbsent('l', 'a', lease(60_000))).toBe(true);
      await pass(400); // past the first set's 200 ms: held still, by the extension
      expect(await kv.setIfAbsent('l', 'b', lease(60_000))).toBe(false);
      expect(await kv.get('l')).toBe('a');
    });

    it('counts from 1 within a ttl, and from 1 again after it', async () => {
      expect(await kv.increment('c', 200)).toBe(1);
      expect(await kv.increment('c', 200)).toBe(2);
      expect(await kv.increment('other', 60_000)).toBe(1);
      await pass(400);
      expect(await kv.increment('c', 200)).toBe(1);
      expect(await kv.increment('other', 60_000)).toBe(2);
    });

    it('deletes a key only while it holds the value named', async () => {
      await kv.setIfAbsent('l', 'a', { ttlMs: 10_000, reentrant: true, volatile: true });
      expect(await kv.deleteIfEquals('l', 'b')).toBe(false);
      expect(await kv.get('l')).toBe('a');
      expect(await kv.deleteIfEquals('l', 'a')).toBe(true);
      expect(await kv.get('l')).toBeNull();
      expect(await kv.deleteIfEquals('l', 'a')).toBe(false);
      expect(await kv.setIfAbsent('l', 'b', { ttlMs: 10_000 })).toBe(true);
    });

    it('gives a key to exactly one of many concurrent setters', async () => {
      const handles = [kv];
      if (factory.second) {
        const other = await factory.second(clock);
        extra.push(other);
        handles.push(other.kv);
      }
      for (const reentrant of [false, true]) {
        const key = `race-${reentrant}`;
        const won = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            handles[i % handles.length]!.setIfAbsent(key, `owner-${i}`, {
              ttlMs: 30_000,
              reentrant,
            }),
          ),
        );
        expect(won.filter(Boolean)).toHaveLength(1);
      }
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => handles[i % handles.length]!.increment('n', 30_000)),
      );
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });
}

/**
 * The key-value backend in this process's memory: the memory store's, and the index the file
 * store keeps in front of its log (it replays and snapshots the durable entries through
 * restore and durableEntries). Synchronous from read to write, so each operation is atomic.
 */
import type { KeyValueBackend } from './key-value.js';

/** A durable entry as the file store logs it; until: epoch ms, or null for no expiry. */
export interface KeyValueEntry {
  key: string;
  value: string;
  until: number | null;
}

export interface MemoryKeyValue extends KeyValueBackend {
  /** Sets an entry as the log recorded it (replay), durable. */
  restore(entry: KeyValueEntry): void;
  /** Removes a key (replay of a logged deletion). */
  forget(key: string): void;
  /** The live durable entries, for a snapshot. */
  durableEntries(): KeyValueEntry[];
  /** Whether `key` holds a durable value (so its deletion must be logged). */
  isDurable(key: string): boolean;
  /** How many keys are held, expired ones not yet swept included. */
  size(): number;
}

interface Held {
  value: string;
  until: number;
  durable: boolean;
}

export function createMemoryKeyValue(clock: () => number = Date.now): MemoryKeyValue {
  const held = new Map<string, Held>();
  let sweptAt = 0;
  /**
   * Forgets expired keys, at most once a second: a rate counter per client address and window,
   * or a webhook event id, would otherwise stay for as long as the process lives.
   */
  const sweep = (at: number) => {
    if (at - sweptAt < 1000) return;
    sweptAt = at;
    for (const [key, entry] of held) if (entry.until <= at) held.delete(key);
  };
  const live = (key: string, at: number): Held | null => {
    const entry = held.get(key);
    return entry && entry.until > at ? entry : null;
  };
  const expiry = (until: number | null) => until ?? Number.POSITIVE_INFINITY;

  return {
    async get(key) {
      return live(key, clock())?.value ?? null;
    },
    async put(key, value) {
      held.set(key, { value, until: Number.POSITIVE_INFINITY, durable: true });
    },
    async setIfAbsent(key, value, { ttlMs, reentrant = false, volatile = false }) {
      const at = clock();
      sweep(at);
      const current = live(key, at);
      if (current && !(reentrant && current.value === value)) return false;
      held.set(key, { value, until: at + ttlMs, durable: !volatile });
      return true;
    },
    async increment(key, ttlMs) {
      const at = clock();
      sweep(at);
      const current = live(key, at);
      if (!current) {
        held.set(key, { value: '1', until: at + ttlMs, durable: false });
        return 1;
      }
      current.value = String(Number(current.value) + 1);
      return Number(current.value);
    },
    async deleteIfEquals(key, value) {
      if (live(key, clock())?.value !== value) return false;
      return held.delete(key);
    },
    restore: ({ key, value, until }) =>
      void held.set(key, { value, until: expiry(until), durable: true }),
    forget: (key) => void held.delete(key),
    durableEntries() {
      const at = clock();
      return [...held]
        .filter(([, entry]) => entry.durable && entry.until > at)
        .map(([key, { value, until }]) => ({
          key,
          value,
          until: Number.isFinite(until) ? until : null,
        }));
    },
    isDurable: (key) => held.get(key)?.durable ?? false,
    size: () => held.size,
  };
}

/**
 * The one primitive under the simple ports (leases, webhook event dedupe, rate counters, settings,
 * server values; key-value-ports.ts): a key holding a string, maybe until a TTL runs out. Each
 * backend (memory, file, Redis) implements only this, and each operation is atomic on it, across
 * every instance that shares it. Records are not here: their indexes and the analytics counters
 * must land in the same write as each record, which each backend does its own way.
 */
export interface SetIfAbsentOptions {
  /** How long the value holds; an expired key counts as absent. */
  ttlMs: number;
  /**
   * Also set (and extend) when the key already holds this very value: a lease taken again by
   * its holder. @default false
   */
  reentrant?: boolean;
  /**
   * The value only guards work of the running process (a lease): a backend that one process owns
   * (file) may keep it in memory alone, so a restart starts without it. @default false
   */
  volatile?: boolean;
}

export interface KeyValueBackend {
  /** The value of `key`; null when absent or expired. */
  get(key: string): Promise<string | null>;
  /** Sets `key` to `value`, with no expiry, durably. */
  put(key: string, value: string): Promise<void>;
  /** Sets `key` when it is absent or expired (see reentrant); true when it was set. */
  setIfAbsent(key: string, value: string, options: SetIfAbsentOptions): Promise<boolean>;
  /**
   * Adds one to the count at `key` and returns it; a new count starts at 1 and expires ttlMs
   * later. A count within a window: a backend that one process owns may keep it in memory alone.
   */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Deletes `key` if it holds `value`; true when it did. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
}

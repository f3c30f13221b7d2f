/**
 * The file store's key-value backend: the memory one as the index, each durable change logged
 * (and fsynced) before it is answered, as every other write of the file store. What guards only
 * this process's work (leases, rate counters) stays in memory: the lock file keeps every other
 * process out, and a restart starts with none held.
 */
import type { IntegrationSettings } from '../../shared/settings.js';
import type { KeyValueBackend } from './key-value.js';
import type { KeyValueEntry, MemoryKeyValue } from './memory-key-value.js';

export type KeyValueLogEntry =
  | ({ op: 'kv' } & KeyValueEntry)
  | { op: 'kv-delete'; key: string }
  /** Written before the key-value backend: read back as the keys the ports use now. */
  | { op: 'settings'; settings: IntegrationSettings }
  | { op: 'seen'; id: string; until: number }
  | { op: 'server'; key: string; value: unknown };

/** Applies a logged entry to the index; false for an entry that is not the key-value backend's. */
export function replayKeyValue(index: MemoryKeyValue, entry: { op: string }): boolean {
  const kv = entry as KeyValueLogEntry;
  if (kv.op === 'kv') index.restore(kv);
  else if (kv.op === 'kv-delete') index.forget(kv.key);
  else if (kv.op === 'settings')
    index.restore({ key: 'settings', value: JSON.stringify(kv.settings), until: null });
  else if (kv.op === 'seen') index.restore({ key: `seen:${kv.id}`, value: '1', until: kv.until });
  else if (kv.op === 'server')
    index.restore({ key: `server:${kv.key}`, value: JSON.stringify(kv.value), until: null });
  else return false;
  return true;
}

export function snapshotKeyValue(index: MemoryKeyValue): KeyValueLogEntry[] {
  return index.durableEntries().map((entry) => ({ op: 'kv', ...entry }));
}

export function fileKeyValue(
  index: MemoryKeyValue,
  persist: (entries: KeyValueLogEntry[]) => Promise<void>,
  clock: () => number,
): KeyValueBackend {
  return {
    get: (key) => index.get(key),
    async put(key, value) {
      await index.put(key, value);
      await persist([{ op: 'kv', key, value, until: null }]);
    },
    async setIfAbsent(key, value, options) {
      const set = await index.setIfAbsent(key, value, options);
      if (set && !options.volatile)
        await persist([{ op: 'kv', key, value, until: clock() + options.ttlMs }]);
      return set;
    },
    increment: (key, ttlMs) => index.increment(key, ttlMs),
    async deleteIfEquals(key, value) {
      const durable = index.isDurable(key);
      const deleted = await index.deleteIfEquals(key, value);
      if (deleted && durable) await persist([{ op: 'kv-delete', key }]);
      return deleted;
    },
  };
}

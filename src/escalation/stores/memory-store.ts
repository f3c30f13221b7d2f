/**
 * The in-memory store, for tests and trials: the records in memory (memory-records.ts) and the
 * simple ports over the memory key-value backend. Everything is lost when the process stops.
 */
import type { EscalationStore } from '../store.js';
import { MEMORY_DURABILITY } from './durability.js';
import { keyValuePorts } from './key-value-ports.js';
import { createMemoryKeyValue } from './memory-key-value.js';
import { createMemoryRecords } from './memory-records.js';

export interface MemoryStoreOptions {
  /** @default Date.now */
  clock?: () => number;
}

export interface MemoryStore extends EscalationStore {
  /** How many keys the key-value backend holds (expired ones go at most a second later). */
  keyCount(): number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const clock = options.clock ?? Date.now;
  const { records, stats } = createMemoryRecords(clock);
  const kv = createMemoryKeyValue(clock);
  return {
    kind: 'memory',
    records,
    stats,
    ...keyValuePorts(kv, clock),
    keyCount: () => kv.size(),
    durability: async () => MEMORY_DURABILITY,
    async ping() {},
    async close() {},
  };
}

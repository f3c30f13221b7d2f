import type { EscalationStore, StoreKind } from '../store.js';
import { createFileStore } from './file-store.js';
import { createMemoryStore } from './memory-store.js';
import { createRedisStore } from './redis-store.js';

export { createFileStore } from './file-store.js';
export { createMemoryStore } from './memory-store.js';
export { createRedisStore } from './redis-store.js';
export { guardStore, isStoreUnavailable, StoreUnavailableError } from './store-failures.js';

export interface StoreOptions {
  kind: StoreKind;
  /** File store folder. @default '.data' */
  dir?: string;
  redisUrl?: string;
  /** @default 'kustomer-escalation:' */
  keyPrefix?: string;
  clock?: () => number;
}

export async function createStore(options: StoreOptions): Promise<EscalationStore> {
  const clock = options.clock ? { clock: options.clock } : {};
  switch (options.kind) {
    case 'memory':
      return createMemoryStore(clock);
    case 'file':
      return createFileStore({ dir: options.dir ?? '.data', ...clock });
    case 'redis':
      if (!options.redisUrl) throw new Error('REDIS_URL is required for the redis store');
      return createRedisStore({
        url: options.redisUrl,
        ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
        ...clock,
      });
  }
}

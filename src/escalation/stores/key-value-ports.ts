/**
 * The simple ports of every store, written once over its key-value backend. The keys are those
 * the Redis store has always used (below its prefix), so data written before stays readable:
 * `lease:<name>` (the owner), `seen:<event id>` ('1'), `hit:<key>:<window start>` (a count),
 * `settings` and `server:<key>` (JSON).
 */
import type { IntegrationSettings } from '../../shared/settings.js';
import type { StorePorts } from '../store.js';
import type { KeyValueBackend } from './key-value.js';

export type KeyValuePorts = StorePorts<
  'leases' | 'events' | 'counters' | 'settings' | 'serverValues'
>;

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));
// JSON has no undefined: a value put as undefined reads back as null, as an absent one does.
const serialized = (value: unknown): string => JSON.stringify(value) ?? 'null';

export function keyValuePorts(kv: KeyValueBackend, clock: () => number): KeyValuePorts {
  return {
    leases: {
      acquire: (name, owner, ttlMs) =>
        kv.setIfAbsent(`lease:${name}`, owner, { ttlMs, reentrant: true, volatile: true }),
      async release(name, owner) {
        await kv.deleteIfEquals(`lease:${name}`, owner);
      },
    },
    events: {
      markSeen: (eventId, ttlMs) => kv.setIfAbsent(`seen:${eventId}`, '1', { ttlMs }),
    },
    counters: {
      hit(key, windowMs) {
        // Fixed windows aligned on the epoch: every instance counts into the same key.
        const start = Math.floor(clock() / windowMs) * windowMs;
        return kv.increment(`hit:${key}:${start}`, windowMs);
      },
    },
    settings: {
      get: async () => parsed(await kv.get('settings')) as IntegrationSettings | null,
      save: (settings) => kv.put('settings', serialized(settings)),
    },
    serverValues: {
      get: async (key) => parsed(await kv.get(`server:${key}`)),
      put: (key, value) => kv.put(`server:${key}`, serialized(value)),
    },
  };
}

/**
 * A store whose calls fail whenever `fails(name, args)` says so ('records.update', 'leases.acquire'),
 * checked before each call (close always works): a Redis that is down for a while, a process that
 * dies at a given write.
 */
import type { EscalationStore } from '../../src/escalation/store.js';
import { wrapStore } from '../../src/escalation/stores/wrap-store.js';

export function failingStore<S extends EscalationStore>(
  inner: S,
  fails: (name: string, args: unknown[]) => boolean,
  error: () => Error,
): S {
  return wrapStore(
    inner,
    ({ name, args, proceed }) => (fails(name, args) ? Promise.reject(error()) : proceed()),
    (name) => name === 'close',
  );
}

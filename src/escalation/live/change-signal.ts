/**
 * An in-process wake-up for event streams: every write to an escalation record through the
 * wrapped store notifies the streams of that escalation on this instance at once. Streams on
 * other instances do not hear it; they read the store on a short interval, so the store stays the
 * only source of truth.
 */
import type { EscalationStore } from '../store.js';
import { wrapStore } from '../stores/wrap-store.js';

export interface ChangeSignal {
  /** Resolves at the next change of this escalation, or after ms; never rejects. */
  next(escalationId: string, ms: number, abort?: AbortSignal): Promise<void>;
  notify(escalationId: string): void;
}

export function createChangeSignal(): ChangeSignal {
  const waiting = new Map<string, Set<() => void>>();
  return {
    next(escalationId, ms, abort) {
      return new Promise((resolve) => {
        const set = waiting.get(escalationId) ?? new Set();
        waiting.set(escalationId, set);
        const done = () => {
          clearTimeout(timer);
          abort?.removeEventListener('abort', done);
          set.delete(done);
          if (set.size === 0 && waiting.get(escalationId) === set) waiting.delete(escalationId);
          resolve();
        };
        const timer = setTimeout(done, ms);
        abort?.addEventListener('abort', done, { once: true });
        set.add(done);
      });
    },
    notify(escalationId) {
      for (const wake of [...(waiting.get(escalationId) ?? [])]) wake();
    },
  };
}

const WRITES = new Set([
  'records.insert',
  'records.update',
  'records.updateWhere',
  'records.appendReply',
]);

/** The store, notifying `signal` after each write that changed a record. */
export function notifyingStore<S extends EscalationStore>(store: S, signal: ChangeSignal): S {
  return wrapStore(store, async ({ name, args, proceed }) => {
    const result = await proceed();
    if (!WRITES.has(name)) return result;
    const first = args[0];
    const id =
      typeof first === 'string' ? first : (first as { escalationId?: string }).escalationId;
    if (id) signal.notify(id);
    return result;
  });
}

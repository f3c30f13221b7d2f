/**
 * An in-process wake-up for event streams: every write to an escalation record through the
 * wrapped store notifies the streams of that escalation on this instance at once. Streams on
 * other instances do not hear it; they read the store on a short interval, so the store stays the
 * only source of truth.
 */
import type { EscalationStore } from '../store.js';

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

const WRITES = new Set(['insert', 'update', 'updateWhere', 'appendReply']);

/** The store, notifying `signal` after each write that changed a record. */
export function notifyingStore(store: EscalationStore, signal: ChangeSignal): EscalationStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (!WRITES.has(String(key))) return method.bind(target);
      return async (...args: unknown[]) => {
        const result = await method.apply(target, args);
        const first = args[0];
        const id =
          typeof first === 'string' ? first : (first as { escalationId?: string }).escalationId;
        if (id) signal.notify(id);
        return result;
      };
    },
  });
}

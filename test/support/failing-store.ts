/**
 * A store whose calls fail whenever `fails(method, args)` says so, checked before each call
 * (close always works): a Redis that is down for a while, a process that dies at a given write.
 */
import type { EscalationStore } from '../../src/escalation/store.js';

export function failingStore(
  inner: EscalationStore,
  fails: (method: string, args: unknown[]) => boolean,
  error: () => Error,
): EscalationStore {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'close') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) =>
        fails(String(key), args) ? Promise.reject(error()) : method.apply(target, args);
    },
  });
}

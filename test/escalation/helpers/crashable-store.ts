/**
 * Wraps a store so that a test can "kill the process": after crash(), every call fails and nothing
 * more is written, so records stay exactly as the last finished write left them.
 */
import type { EscalationStore } from '../../../src/escalation/store.js';

export function crashable(inner: EscalationStore): EscalationStore & { crash(): void } {
  let crashed = false;
  const crash = () => {
    crashed = true;
  };
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'crash') return crash;
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'close') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        if (crashed) throw new Error('process crashed');
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (crashed) throw new Error('process crashed');
        return result;
      };
    },
  }) as EscalationStore & { crash(): void };
}

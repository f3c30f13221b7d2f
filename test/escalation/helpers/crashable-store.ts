/**
 * Wraps a store so that a test can "kill the process": after crash(), every call fails and nothing
 * more is written, so records stay exactly as the last finished write left them.
 */
import type { EscalationStore } from '../../../src/escalation/store.js';
import { wrapStore } from '../../../src/escalation/stores/wrap-store.js';

export function crashable(inner: EscalationStore): EscalationStore & { crash(): void } {
  let crashed = false;
  const wrapped = wrapStore(
    inner,
    async ({ proceed }) => {
      if (crashed) throw new Error('process crashed');
      const result = await proceed();
      if (crashed) throw new Error('process crashed');
      return result;
    },
    (name) => name === 'close',
  );
  return Object.assign(Object.create(wrapped) as EscalationStore, {
    crash() {
      crashed = true;
    },
  });
}

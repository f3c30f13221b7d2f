/**
 * How long an escalation's transcript and contact details stay in the store once it is finished
 * (done or refused): they are deleted retentionMs after the last change, a batch at a time with
 * every drain, so no separate job is needed. The analytics counters (counts only, nothing about a
 * customer) follow the same limit, a day at a time. Dead escalations are left for an operator to replay
 * or purge; anything still waiting is never touched.
 */
import type { Logger } from '../platform/logger.js';
import type { StorePorts } from './store.js';
import { dayOf } from './analytics/contribution.js';

/** Enough to keep up with any plausible escalation rate at one drain every few seconds or minutes. */
const BATCH = 200;

export function createRetention(deps: {
  store: StorePorts<'records' | 'stats'>;
  clock: () => number;
  logger: Logger;
  retentionMs: number;
}): () => Promise<number> {
  return async function purgeExpired() {
    if (deps.retentionMs <= 0) return 0;
    const before = new Date(deps.clock() - deps.retentionMs);
    const purged = await deps.store.records.purgeFinished(before, BATCH);
    if (purged > 0) deps.logger.info('finished escalations purged', { purged });
    // The analytics counters of a day go once the whole day is past the limit.
    const days = await deps.store.stats.purgeBefore(dayOf(before.toISOString()));
    if (days > 0) deps.logger.info('analytics days purged', { days });
    return purged;
  };
}

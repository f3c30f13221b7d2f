/**
 * Delivering the outbox: due escalations oldest first, plus any left mid-way by an instance that
 * died (in a step state, untouched for staleAfterMs). Each one is claimed with a lease, so several
 * instances can drain the same store. Draining pauses while the breaker is open and stops early
 * when Kustomer's rate-limit window is nearly spent, leaving that budget to live escalations.
 */
import type { KustomerClient } from '../kustomer/types.js';
import type { IntegrationSettings } from '../shared/settings.js';
import type { AttemptOptions, AttemptOutcome } from './attempt.js';
import type { Breaker } from './breaker.js';
import { IN_PROGRESS_STATES } from './records.js';
import type { StorePorts } from './store.js';
import type { EscalationRecord } from './record.js';
import type { DrainReport } from './types.js';

export interface DrainDeps {
  store: StorePorts<'records'>;
  client: Pick<KustomerClient, 'metrics'>;
  breaker: Breaker;
  clock: () => number;
  settings: () => Promise<IntegrationSettings>;
  attempt: (record: EscalationRecord, options: AttemptOptions) => Promise<AttemptOutcome>;
  config: {
    deadlineMs: number;
    concurrency: number;
    /** Requests left in Kustomer's window below which draining stops. */
    reserve: number;
    staleAfterMs: number;
  };
}

const emptyReport = (): DrainReport => ({
  attempted: 0,
  delivered: 0,
  requeued: 0,
  dead: 0,
  leased: 0,
  purged: 0,
});

async function candidates(deps: DrainDeps, limit: number): Promise<EscalationRecord[]> {
  const now = deps.clock();
  const due = await deps.store.records.due(new Date(now), limit);
  if (due.length >= limit) return due;
  const stuck = await deps.store.records.list({
    states: IN_PROGRESS_STATES,
    limit: limit - due.length,
  });
  const orphans = stuck.filter((r) => now - Date.parse(r.updatedAt) >= deps.config.staleAfterMs);
  return [...due, ...orphans].slice(0, limit);
}

function budgetLeft(deps: DrainDeps): boolean {
  const { remaining, resetAt } = deps.client.metrics().rateLimit;
  if (remaining === null || remaining >= deps.config.reserve) return true;
  return resetAt !== null && Date.parse(resetAt) <= deps.clock();
}

export interface DrainOptions {
  /** @default 50 */
  limit?: number;
  /**
   * Epoch ms on the injected clock: no delivery starts after it, and none started before may run
   * past it (its deadline is cut to the time left). For hosts with a hard time limit (Vercel).
   */
  deadlineAt?: number;
}

export function createDrain(deps: DrainDeps) {
  return async function drain(options: DrainOptions = {}): Promise<DrainReport> {
    const report = emptyReport();
    const settings = await deps.settings();
    if (!settings.enabled || deps.breaker.state() === 'open') return report;
    const queue = await candidates(deps, options.limit ?? 50);
    const attemptOptions: AttemptOptions = {
      settings,
      resume: true,
      deadlineMs: deps.config.deadlineMs,
      lane: 'background',
      failState: 'retrying',
    };
    const worker = async () => {
      for (let record = queue.shift(); record; record = queue.shift()) {
        if (deps.breaker.state() === 'open' || !budgetLeft(deps)) return;
        const timeLeft = (options.deadlineAt ?? Infinity) - deps.clock();
        if (timeLeft <= 0) return;
        const outcome = await deps.attempt(record, {
          ...attemptOptions,
          deadlineMs: Math.min(attemptOptions.deadlineMs, timeLeft),
        });
        if (outcome.kind === 'leased') {
          report.leased += 1;
          continue;
        }
        report.attempted += 1;
        if (outcome.state === 'done') report.delivered += 1;
        else if (outcome.state === 'dead') report.dead += 1;
        else report.requeued += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, deps.config.concurrency) }, worker));
    return report;
  };
}

/** Drains every intervalMs until stopped; runs never overlap. */
export function startDrainLoop(
  drain: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = drain()
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

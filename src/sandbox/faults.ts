/**
 * Run-time fault injection for /v1 requests. Decisions come from a seeded PRNG (mulberry32) when
 * a seed is given, so a fault schedule can be replayed exactly.
 */
import type { SandboxFaults } from './types.js';

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'status'; status: number }
  | { kind: 'outage' }
  | { kind: 'reset-after-commit' }
  | { kind: 'slow'; ms: number };

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaults(now: () => number) {
  let faults: SandboxFaults = {};
  let random = Math.random;

  function matches(method: string, path: string): boolean {
    return !faults.match || new RegExp(faults.match).test(`${method} ${path}`);
  }

  return {
    get: () => ({ ...faults }),
    set(next: SandboxFaults) {
      faults = { ...next };
      random = typeof next.seed === 'number' ? mulberry32(next.seed) : Math.random;
    },
    clear() {
      faults = {};
      random = Math.random;
    },
    latencyMs: () => faults.latencyMs ?? 0,
    /** The same seeded draws, for decisions made inside a handler (bulk job faults). */
    random: () => random(),
    /** Decided before the handler runs: a status or outage means nothing is written. */
    before(method: string, path: string): FaultDecision {
      if (!matches(method, path)) return { kind: 'none' };
      if (faults.outageUntil && faults.outageUntil > now()) return { kind: 'outage' };
      for (const [status, rate] of Object.entries(faults.errorRates ?? {})) {
        if (rate > 0 && random() < rate) return { kind: 'status', status: Number(status) };
      }
      return { kind: 'none' };
    },
    /** Decided after a write committed: drop the connection or hold the answer. */
    after(method: string, path: string): FaultDecision {
      if (!matches(method, path)) return { kind: 'none' };
      const isWrite = method !== 'GET';
      if (
        isWrite &&
        (faults.resetAfterCommitRate ?? 0) > 0 &&
        random() < faults.resetAfterCommitRate!
      )
        return { kind: 'reset-after-commit' };
      if ((faults.slowResponseRate ?? 0) > 0 && random() < faults.slowResponseRate!)
        return { kind: 'slow', ms: faults.slowResponseMs ?? 30_000 };
      return { kind: 'none' };
    },
  };
}

/**
 * `npm run bench` stays runnable, and what it claims holds at a small size: each benchmark's
 * run() with little work, asserting the counts it reports (never its timings: those are the
 * benchmark's business, on a quiet machine).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as runStrategy } from '../../bench/customer-strategy.js';
import { run as runLatency } from '../../bench/escalation-latency.js';
import { run as runThroughput } from '../../bench/escalation-throughput.js';
import { run as runBurst } from '../../bench/lookup-burst.js';
import { run as runAnalytics } from '../../bench/analytics-read.js';
import { run as runOverlap } from '../../bench/availability-overlap.js';
import { MAX_FIELDS_PER_DAY } from '../../src/escalation/analytics/report.js';

beforeEach(() => {
  // The benchmarks print their tables; the assertions below read the values instead.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'table').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('npm run bench, small', () => {
  it('latency: the module answers before the bulk job, in 6, 5 and 4 requests where the naive flow sends 24, 23 and 23', async () => {
    const JOB_MS = 300;
    const rows = await runLatency({ iterations: 1, jobMs: JOB_MS });
    const row = (implementation: string, customer: string) =>
      rows.find((r) => r.implementation === implementation && r.customer === customer)!;
    const customers = ['new', 'known', 'cached'];
    // Polls included: the job is read once, when jobs like it are done.
    expect(customers.map((c) => row('module', c).requests)).toEqual([6, 5, 4]);
    expect(customers.map((c) => row('naive', c).requests)).toEqual([24, 23, 23]);
    for (const c of customers) {
      // The chat is answered before Kustomer's job has run; the lines land after it.
      expect(row('module', c).escalatedP50Ms).toBeLessThan(row('module', c).transcriptP50Ms);
      expect(row('module', c).transcriptP50Ms).toBeGreaterThanOrEqual(JOB_MS);
    }
  }, 60_000);

  it('customer strategy: a parallel create costs a known customer one more request, and never makes a second customer', async () => {
    const rows = await runStrategy();
    const requests = rows.map((r) => `${r.strategy}/${r.customer}: ${r.requests}`);
    expect(requests).toEqual([
      'lookup, then create/new: 2',
      'lookup, then create/known: 1',
      'lookup and create at once/new: 2',
      'lookup and create at once/known: 2',
    ]);
    expect(rows.every((r) => r.customers === 1)).toBe(true);
  }, 30_000);

  it('throughput: every escalation delivered once, none dead, no 429 earned', async () => {
    const report = await runThroughput({ durationMs: 500, workers: 2 });
    expect(report.escalations).toBeGreaterThan(0);
    expect(report.conversations).toBe(report.escalations);
    expect(report.dead).toBe(0);
    expect(report.rateLimited).toBe(0);
  }, 60_000);

  it('lookup burst: the module waits for the budget and earns no 429; the naive client does', async () => {
    // 20x: a minute window is 3 s of real time, ample for 15 requests on a loaded machine.
    const [module, naive] = await runBurst({ lookups: 15, orgLimitPerMin: 10, speed: 20 });
    expect(module).toMatchObject({
      'requests sent': 15,
      '429s received': 0,
      '429s surfaced': 0,
      'other errors': 0,
    });
    expect(naive).toMatchObject({ 'requests sent': 15, '429s received': 5, '429s surfaced': 5 });
  }, 30_000);

  it('analytics read: the module loads day counters within their bound, the baseline every record', async () => {
    const [module, naive] = await runAnalytics({ escalations: 500, runs: 1 });
    expect(naive!.loaded).toBe(500);
    expect(module!.loaded).toBeGreaterThan(0);
    expect(module!.loaded).toBeLessThanOrEqual(30 * MAX_FIELDS_PER_DAY);
  }, 60_000);

  it('availability overlap: both orders escalate with the check (run() throws on any other answer)', async () => {
    const rows = await runOverlap({ iterations: 1 });
    expect(rows.map((r) => r.order)).toEqual(['alongside', 'before']);
    for (const row of rows) expect(row.escalatedP50Ms).toBeGreaterThan(0);
  }, 30_000);
});

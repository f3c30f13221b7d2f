/**
 * The analytics read is bounded by the range, not by the org's size: with thousands of
 * escalations in the store it reads one counter hash per day and no record, and its figures
 * equal the ones computed from every record (exact counts, percentiles within 1 %).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATIVE_ERROR } from '../../../src/escalation/analytics/histogram.js';
import { loadAnalytics, MAX_FIELDS_PER_DAY } from '../../../src/escalation/analytics/report.js';
import type { EscalationStore } from '../../../src/escalation/store.js';
import { createMemoryStore, createRedisStore } from '../../../src/escalation/stores/index.js';
import { wrapStore } from '../../../src/escalation/stores/wrap-store.js';
import { defaultSettings } from '../../../src/escalation/settings.js';
import { seedRecords } from '../../support/analytics-records.js';
import { naiveAnalytics } from '../../support/naive-analytics.js';
import { startRedis, type RedisHandle } from '../../support/redis.js';

const NOW = Date.parse('2026-11-30T15:00:00.000Z');
const RECORDS = 3_000;
const DAYS = 30;
let redis: RedisHandle;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

/** The store, noting each method called on it. */
function watched(store: EscalationStore, calls: { method: string; args: unknown[] }[]) {
  return wrapStore(store, ({ name, args, proceed }) => {
    calls.push({ method: name, args });
    return proceed();
  });
}

const settings = {
  get: async () => ({
    ...defaultSettings(),
    routingRules: [{ id: 'billing', name: 'Billing', intents: ['billing'], teamId: null }],
  }),
};

const near = (estimate: number | null, exact: number | null) =>
  exact === null
    ? estimate === null
    : estimate !== null && Math.abs(estimate - exact) <= exact * RELATIVE_ERROR + 0.5;

async function checkAgainstEveryRecord(store: EscalationStore) {
  const calls: { method: string; args: unknown[] }[] = [];
  const report = await loadAnalytics(
    { store: watched(store, calls), settings, clock: () => NOW },
    DAYS,
  );
  // One read of the range's day counters; no record, no list, no scan.
  expect(calls.map((c) => c.method)).toEqual(['stats.read']);
  expect((calls[0]!.args[0] as string[]).length).toBe(DAYS);
  const loaded = await store.stats.read(calls[0]!.args[0] as string[]);
  const fields = Object.values(loaded).reduce((n, day) => n + Object.keys(day).length, 0);
  expect(fields).toBeLessThanOrEqual(DAYS * MAX_FIELDS_PER_DAY);

  const naive = await naiveAnalytics(store, NOW, DAYS);
  expect(report.totals).toEqual(naive.totals);
  expect(report.totals.escalations).toBe(RECORDS);
  for (const key of ['untilEscalated', 'untilFirstReply'] as const) {
    expect(report[key].count).toBe(naive[key].count);
    expect(near(report[key].p50Ms, naive[key].p50), `${key} p50`).toBe(true);
    expect(near(report[key].p95Ms, naive[key].p95), `${key} p95`).toBe(true);
  }
  expect(new Map(report.byReason.map((r) => [r.reason, r.count]))).toEqual(naive.byReason);
  const byRule = new Map<string | null, number>(
    report.byRule.map((r) => [r.ruleId ?? '', r.count]),
  );
  if (report.notRouted) byRule.set(null, report.notRouted);
  expect(byRule).toEqual(naive.byRule);
  return { fields };
}

describe(`analytics over ${RECORDS} escalations`, () => {
  it('reads only the day counters of the memory store, and agrees with every record', async () => {
    const store = createMemoryStore();
    await seedRecords(store, { count: RECORDS, now: NOW, days: DAYS });
    await checkAgainstEveryRecord(store);
  });

  it('sends Redis one HGETALL per day and never touches a record, and agrees with every record', async () => {
    const prefix = 'bounded:';
    const store = createRedisStore({ url: redis.url, keyPrefix: prefix });
    await seedRecords(store, { count: RECORDS, now: NOW, days: DAYS });
    const monitor = await new Redis(redis.url).monitor();
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args));
    await loadAnalytics({ store, settings, clock: () => NOW }, DAYS);
    // MONITOR streams commands as they run; the PING marks the end of the read.
    await store.ping();
    await new Promise<void>((resolve) => {
      const check = () =>
        commands.some((c) => c[0]?.toLowerCase() === 'ping') ? resolve() : setTimeout(check, 20);
      check();
    });
    monitor.disconnect();
    const read = commands.filter((c) => c[0]?.toLowerCase() !== 'ping');
    expect(read).toHaveLength(DAYS);
    expect(
      read.every(
        ([name, key]) => name!.toLowerCase() === 'hgetall' && key!.startsWith(`${prefix}stats:`),
      ),
    ).toBe(true);
    const { fields } = await checkAgainstEveryRecord(store);
    console.log(`analytics read: ${DAYS} hashes, ${fields} numbers for ${RECORDS} escalations`);
    await store.close();
  });
});

/**
 * The analytics read against the obvious way, on the same Redis store (a real redis-server):
 * `escalations` records over 30 days, then the 30-day figures read `runs` times from the day
 * counters (the module) and from every record (the baseline: list, parse, count, sort). Prints
 * what each loads and the time ratio.
 *
 *   npx tsx bench/analytics-read.ts
 */
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../src/escalation/settings.js';
import { loadAnalytics, rangeDays } from '../src/escalation/analytics/report.js';
import { createRedisStore } from '../src/escalation/stores/index.js';
import { seedRecords } from '../test/support/analytics-records.js';
import { naiveAnalytics } from '../test/support/naive-analytics.js';
import { startRedis } from '../test/support/redis.js';
import { percentile } from './percentile.js';

export interface AnalyticsReadRow {
  implementation: 'module' | 'naive';
  escalations: number;
  /** Numbers (module) or records (naive) read per request. */
  loaded: number;
  'p50 ms': number;
}

const DAYS = 30;

async function timed(runs: number, read: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await read();
    times.push(performance.now() - start);
  }
  return Math.round(percentile(times, 50) * 10) / 10;
}

export async function run({ escalations = 10_000, runs = 7 } = {}): Promise<AnalyticsReadRow[]> {
  const redis = await startRedis({ persistence: 'none' });
  const store = createRedisStore({ url: redis.url, keyPrefix: 'bench-analytics:' });
  try {
    const now = Date.now();
    await seedRecords(store, { count: escalations, now, days: DAYS });
    const settings = { get: async () => defaultSettings() };
    const stats = await store.stats.read(rangeDays(now, DAYS));
    const numbers = Object.values(stats).reduce((n, day) => n + Object.keys(day).length, 0);
    const rows: AnalyticsReadRow[] = [
      {
        implementation: 'module',
        escalations,
        loaded: numbers,
        'p50 ms': await timed(runs, () =>
          loadAnalytics({ store, settings, clock: () => now }, DAYS),
        ),
      },
      {
        implementation: 'naive',
        escalations,
        loaded: (await store.records.list()).length,
        'p50 ms': await timed(runs, () => naiveAnalytics(store, now, DAYS)),
      },
    ];
    console.log(`\nAnalytics read: ${escalations} escalations over ${DAYS} days, 30-day figures`);
    console.table(rows);
    return rows;
  } finally {
    await store.close();
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}

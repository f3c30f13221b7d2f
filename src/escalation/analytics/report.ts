/**
 * The hand-off figures of the last N UTC days, from the days' counters alone: one read of N
 * hashes, each holding at most MAX_FIELDS_PER_DAY numbers whatever the number of escalations
 * (contribution.ts). No escalation record is read.
 */
import type { Analytics, AnalyticsDay, Latency } from '../../shared/analytics.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import { ESCALATION_REASONS } from '../../shared/escalation.js';
import type { StorePorts } from '../store.js';
import type { DayStats } from './contribution.js';
import { HISTOGRAM_BUCKETS, percentile, RELATIVE_ERROR, type Histogram } from './histogram.js';

const DAY_MS = 86_400_000;
/** Two histograms, the reasons, the outcomes, `n`, `o`, and the routing rules (100) plus the defaults. */
export const MAX_FIELDS_PER_DAY = 2 * HISTOGRAM_BUCKETS + ESCALATION_REASONS.length + 4 + 2 + 101;

/** The last `days` UTC days, oldest first, today last. */
export function rangeDays(now: number, days: number): string[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

function latency(histogram: Histogram): Latency {
  let count = 0;
  for (const n of histogram.values()) count += n;
  return { count, p50Ms: percentile(histogram, 50), p95Ms: percentile(histogram, 95) };
}

/** Sums the fields that start with `prefix`, by what follows it. */
function tally(stats: DayStats[], prefix: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const day of stats) {
    for (const [field, n] of Object.entries(day)) {
      if (field.startsWith(prefix)) {
        const key = field.slice(prefix.length);
        totals.set(key, (totals.get(key) ?? 0) + n);
      }
    }
  }
  return totals;
}

function dayOfStats(date: string, stats: DayStats): AnalyticsDay {
  const n = (field: string) => stats[field] ?? 0;
  return {
    date,
    escalations: n('n'),
    delivered: n('s:delivered'),
    queued: n('s:queued'),
    dead: n('s:dead'),
    refused: n('s:refused'),
    outOfHours: n('o'),
  };
}

function histogramOf(stats: DayStats[], prefix: string): Histogram {
  return new Map([...tally(stats, prefix)].map(([bucket, n]) => [Number(bucket), n]));
}

const byCountThenName = <T extends { count: number }>(label: (item: T) => string) => {
  return (a: T, b: T) => b.count - a.count || label(a).localeCompare(label(b));
};

export function buildAnalytics(
  dates: string[],
  stored: Record<string, DayStats>,
  rules: IntegrationSettings['routingRules'],
): Analytics {
  const present = dates.map((date) => stored[date] ?? {});
  const days = dates.map((date, i) => dayOfStats(date, present[i]!));
  const sum = (key: Exclude<keyof AnalyticsDay, 'date'>) =>
    days.reduce((total, day) => total + day[key], 0);
  const names = new Map(rules.map((rule) => [rule.id, rule.name ?? rule.id]));
  const byRule = [...tally(present, 'u:')].map(([id, count]) => ({
    ruleId: id === '' ? null : id,
    name: id === '' ? null : (names.get(id) ?? null),
    count,
  }));
  const routed = byRule.reduce((total, rule) => total + rule.count, 0);
  return {
    range: { days: dates.length, from: dates[0]!, to: dates[dates.length - 1]!, timeZone: 'UTC' },
    totals: {
      escalations: sum('escalations'),
      delivered: sum('delivered'),
      queued: sum('queued'),
      dead: sum('dead'),
      refused: sum('refused'),
      outOfHours: sum('outOfHours'),
    },
    days,
    untilEscalated: latency(histogramOf(present, 'e:')),
    untilFirstReply: latency(histogramOf(present, 'h:')),
    byReason: [...tally(present, 'r:')]
      .map(([reason, count]) => ({ reason, count }))
      .sort(byCountThenName((item) => item.reason)),
    byRule: byRule.sort(byCountThenName((item) => item.ruleId ?? '')),
    notRouted: Math.max(0, sum('escalations') - routed),
    percentileError: Math.round(RELATIVE_ERROR * 10_000) / 10_000,
  };
}

export async function loadAnalytics(
  deps: {
    store: StorePorts<'stats'>;
    settings: { get(): Promise<IntegrationSettings> };
    clock: () => number;
  },
  days: number,
): Promise<Analytics> {
  const dates = rangeDays(deps.clock(), days);
  const [stored, settings] = await Promise.all([deps.store.stats.read(dates), deps.settings.get()]);
  return buildAnalytics(dates, stored, settings.routingRules);
}

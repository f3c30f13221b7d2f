/** An analytics answer as the server gives it, for `days` days ending 2026-11-30. */
import type { Analytics, AnalyticsDay } from '../../../src/shared/analytics.js';

export function analyticsOf(days: number, scale = 1): Analytics {
  const end = Date.parse('2026-11-30T00:00:00Z');
  const dayList: AnalyticsDay[] = Array.from({ length: days }, (_, i) => {
    const delivered = ((i * 7) % 11) * scale;
    const queued = i % 5 === 0 ? scale : 0;
    const dead = i % 9 === 0 ? scale : 0;
    return {
      date: new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
      escalations: delivered + queued + dead,
      delivered,
      queued,
      dead,
      refused: 0,
      outOfHours: Math.floor(delivered / 3),
    };
  });
  const sum = (key: Exclude<keyof AnalyticsDay, 'date'>) =>
    dayList.reduce((total, day) => total + day[key], 0);
  const escalations = sum('escalations');
  return {
    range: { days, from: dayList[0]!.date, to: dayList[days - 1]!.date, timeZone: 'UTC' },
    totals: {
      escalations,
      delivered: sum('delivered'),
      queued: sum('queued'),
      dead: sum('dead'),
      refused: 0,
      outOfHours: sum('outOfHours'),
    },
    days: dayList,
    untilEscalated: { count: sum('delivered'), p50Ms: 1_240, p95Ms: 3_870 },
    untilFirstReply: { count: Math.floor(sum('delivered') / 2), p50Ms: 272_000, p95Ms: 5_520_000 },
    byReason: [
      { reason: 'user_requested', count: escalations - 3 * scale },
      { reason: 'low_confidence', count: 3 * scale },
    ],
    byRule: [
      { ruleId: 'billing', name: 'Billing', count: sum('delivered') - 2 * scale },
      { ruleId: null, name: null, count: 2 * scale },
    ],
    notRouted: sum('queued') + sum('dead'),
    percentileError: 0.01,
  };
}

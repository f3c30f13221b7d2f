/**
 * The figures computed the obvious way: every record of the range read and counted, exact
 * percentiles by sorting. The reference the counters are checked against (and the baseline of
 * `npm run bench`); it reads every record, which is what the module avoids.
 */
import { askedOutOfHours, dayOf, outcomeOf } from '../../src/escalation/analytics/contribution.js';
import { rangeDays } from '../../src/escalation/analytics/report.js';
import type { EscalationStore } from '../../src/escalation/store.js';
import type { EscalationRecord } from '../../src/escalation/record.js';

function exact(values: number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percent / 100) * sorted.length) - 1]!;
}

const since = (from: string, to: string | undefined) =>
  to === undefined ? [] : [Math.max(0, Date.parse(to) - Date.parse(from))];

export async function naiveAnalytics(store: EscalationStore, now: number, days: number) {
  const dates = new Set(rangeDays(now, days));
  const records = (await store.records.list()).filter(
    (r: EscalationRecord) => r.counted === true && !r.request.test && dates.has(dayOf(r.createdAt)),
  );
  const count = (pick: (r: EscalationRecord) => boolean) => records.filter(pick).length;
  const escalated = records.flatMap((r) => since(r.createdAt, r.escalatedAt));
  const replied = records.flatMap((r) => since(r.createdAt, r.firstReplyAt));
  const tally = (key: (r: EscalationRecord) => string | null) => {
    const totals = new Map<string | null, number>();
    for (const r of records) totals.set(key(r), (totals.get(key(r)) ?? 0) + 1);
    return totals;
  };
  return {
    totals: {
      escalations: records.length,
      delivered: count((r) => outcomeOf(r) === 'delivered'),
      queued: count((r) => outcomeOf(r) === 'queued'),
      dead: count((r) => outcomeOf(r) === 'dead'),
      refused: count((r) => outcomeOf(r) === 'refused'),
      outOfHours: count(askedOutOfHours),
    },
    untilEscalated: {
      count: escalated.length,
      p50: exact(escalated, 50),
      p95: exact(escalated, 95),
    },
    untilFirstReply: { count: replied.length, p50: exact(replied, 50), p95: exact(replied, 95) },
    byReason: tally((r) => r.request.reason),
    byRule: tally((r) => (r.routing ? (r.routing.ruleId ?? '') : null)),
  };
}

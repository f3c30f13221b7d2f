/**
 * What one escalation record adds to its day's counters. Every store applies, in the same atomic
 * write as the record, the difference between what the record adds after the write and what it
 * added before (statsDelta), so the counters always equal the sum over every record ever stored,
 * whatever order the writes come in and however often a write is retried: an escalation is
 * counted once, in its current outcome. A record deleted by retention leaves its counts behind;
 * the day itself is deleted once it is past the retention period (retention.ts).
 *
 * Fields (one hash per UTC day of createdAt):
 *   n               escalations asked for
 *   s:<outcome>     delivered | queued | dead | refused (see outcomeOf)
 *   r:<reason>      by the chat's reason
 *   u:<ruleId>      by the routing rule that matched ('u:' = the defaults), once routed
 *   o               asked for while the business was closed (availability.open === false)
 *   e:<bucket>      time until the chat heard `escalated` (histogram.ts)
 *   h:<bucket>      time until the first human reply
 */
import { bucketOf } from './histogram.js';
import type { EscalationRecord } from '../record.js';

export type DayStats = Record<string, number>;
export type Outcome = 'delivered' | 'queued' | 'dead' | 'refused';

export interface StatsDelta {
  /** The UTC day (YYYY-MM-DD) whose counters change. */
  day: string;
  changes: [field: string, by: number][];
}

export const dayOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);

/**
 * Dead: an operator must look (whatever reached Kustomer). Delivered: the conversation exists
 * (the note or transcript may still be on their way). Queued: saved and still being delivered.
 */
export function outcomeOf(record: Pick<EscalationRecord, 'state' | 'result'>): Outcome {
  if (record.state === 'dead') return 'dead';
  if (record.state === 'refused') return 'refused';
  return record.result?.status === 'escalated' ? 'delivered' : 'queued';
}

/** Whether the business was closed when the customer asked (absent on older records: not known). */
export const askedOutOfHours = (record: Pick<EscalationRecord, 'availability'>): boolean =>
  record.availability?.open === false;

const since = (from: string, to: string) => Date.parse(to) - Date.parse(from);

export function contribution(record: EscalationRecord): DayStats {
  // Test escalations sent from the Integrations page are not customers' hand-offs.
  if (record.request.test || record.counted !== true) return {};
  const stats: DayStats = {
    n: 1,
    [`s:${outcomeOf(record)}`]: 1,
    [`r:${record.request.reason}`]: 1,
  };
  if (record.routing) stats[`u:${record.routing.ruleId ?? ''}`] = 1;
  if (askedOutOfHours(record)) stats.o = 1;
  if (record.escalatedAt) stats[`e:${bucketOf(since(record.createdAt, record.escalatedAt))}`] = 1;
  if (record.firstReplyAt) stats[`h:${bucketOf(since(record.createdAt, record.firstReplyAt))}`] = 1;
  return stats;
}

/** What changes in the counters when `before` (null: not stored yet) is replaced by `after`. */
export function statsDelta(before: EscalationRecord | null, after: EscalationRecord): StatsDelta {
  const old = before ? contribution(before) : {};
  const next = contribution(after);
  const changes: StatsDelta['changes'] = [];
  for (const field of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const by = (next[field] ?? 0) - (old[field] ?? 0);
    if (by !== 0) changes.push([field, by]);
  }
  return { day: dayOf(after.createdAt), changes };
}

/** Adds a delta to counters held in memory (memory and file stores), dropping zeros. */
export function applyDelta(days: Map<string, DayStats>, delta: StatsDelta): void {
  if (delta.changes.length === 0) return;
  const stats = days.get(delta.day) ?? {};
  for (const [field, by] of delta.changes) {
    const value = (stats[field] ?? 0) + by;
    if (value === 0) delete stats[field];
    else stats[field] = value;
  }
  days.set(delta.day, stats);
}

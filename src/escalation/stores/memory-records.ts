/**
 * The escalation records in memory, with their indexes and the analytics day counters updated in
 * the same synchronous step as each record: the memory store's records and stats ports, and the
 * index the file store keeps in front of its log (restore, forget, snapshot for replay and
 * compaction). Every value going in or out is cloned so callers can never mutate stored state.
 */
import { UnknownEscalationError, type StorePorts } from '../store.js';
import type { EscalationPatch, EscalationRecord } from '../record.js';
import { finishedBefore, messagesDueAt, oldestWaitingOf, timelinePending } from '../records.js';
import { applyDelta, statsDelta, type DayStats } from '../analytics/contribution.js';

/** The records and stats ports, with raw access for the file store's log and snapshot. */
export interface MemoryRecords extends StorePorts<'records' | 'stats'> {
  /** Replaces a record without touching updatedAt (log replay). */
  restore(record: EscalationRecord): void;
  forget(escalationId: string): void;
  /** Replaces every day's analytics counters (a snapshot's, after its records were replayed). */
  restoreStats(days: Record<string, DayStats>, purgedBefore: string): void;
  /** stats.purgeBefore, synchronously (log replay). */
  forgetStatsBefore(day: string): number;
  /** The day before which counters were purged ('' when never). */
  statsPurgedBefore(): string;
  /** Removes what the predicate picks (up to limit) at once; returns the ids removed. */
  purgeWhere(pick: (record: EscalationRecord) => boolean, limit?: number): string[];
  /** How many records are held. */
  size(): number;
  snapshot(): {
    records: EscalationRecord[];
    stats: Record<string, DayStats>;
    statsPurgedBefore: string;
  };
}

const OUTBOX_STATES = new Set(['queued', 'retrying']);
const clone = <T>(value: T): T => structuredClone(value);
const byCreatedAt = (a: EscalationRecord, b: EscalationRecord) =>
  a.createdAt.localeCompare(b.createdAt) || a.escalationId.localeCompare(b.escalationId);

export function createMemoryRecords(now: () => number = Date.now): MemoryRecords {
  const records = new Map<string, EscalationRecord>();
  const byConversation = new Map<string, string>();
  const stats = new Map<string, DayStats>();
  /** Days before this were purged: a late change to one of their records is not counted again. */
  let statsPurgedBefore = '';

  /** Every stored change of a record passes here, so its day's counters follow it. */
  function put(record: EscalationRecord): void {
    const delta = statsDelta(records.get(record.escalationId) ?? null, record);
    if (delta.day >= statsPurgedBefore) applyDelta(stats, delta);
    records.set(record.escalationId, record);
    if (record.conversationId) byConversation.set(record.conversationId, record.escalationId);
  }
  function mustGet(escalationId: string): EscalationRecord {
    const record = records.get(escalationId);
    if (!record) throw new UnknownEscalationError(escalationId);
    return record;
  }

  function merge(escalationId: string, patch: EscalationPatch): EscalationRecord {
    const next = {
      ...mustGet(escalationId),
      ...clone(patch),
      updatedAt: new Date(now()).toISOString(),
    };
    put(next);
    return clone(next);
  }

  /** Removes the records the predicate picks (up to limit); synchronous, so nothing interleaves. */
  function purgeWhere(
    pick: (record: EscalationRecord) => boolean,
    limit = Number.POSITIVE_INFINITY,
  ): string[] {
    const removed: string[] = [];
    for (const [escalationId, record] of records) {
      if (removed.length >= limit) break;
      if (!pick(record)) continue;
      records.delete(escalationId);
      if (record.conversationId) byConversation.delete(record.conversationId);
      removed.push(escalationId);
    }
    return removed;
  }

  function forgetStatsBefore(day: string): number {
    if (day > statsPurgedBefore) statsPurgedBefore = day;
    let forgotten = 0;
    for (const key of [...stats.keys()]) {
      if (key < day) forgotten += Number(stats.delete(key));
    }
    return forgotten;
  }

  return {
    records: {
      async insert(record) {
        const existing = records.get(record.escalationId);
        if (existing) return { inserted: false, record: clone(existing) };
        put(clone(record));
        return { inserted: true, record: clone(record) };
      },
      async get(escalationId) {
        const record = records.get(escalationId);
        return record ? clone(record) : null;
      },
      async update(escalationId, patch) {
        return merge(escalationId, patch);
      },
      async updateWhere(escalationId, change) {
        // Synchronous from read to write, so no other call can come in between.
        const patch = change(clone(mustGet(escalationId)));
        return patch ? merge(escalationId, patch) : null;
      },
      async appendReply(escalationId, reply) {
        const record = mustGet(escalationId);
        if (record.replies.some((existing) => existing.id === reply.id)) return false;
        put({
          ...record,
          replies: [...record.replies, clone(reply)],
          updatedAt: new Date(now()).toISOString(),
        });
        return true;
      },
      async due(at, limit) {
        return [...records.values()]
          .filter(
            (r) =>
              OUTBOX_STATES.has(r.state) &&
              r.nextAttemptAt !== null &&
              Date.parse(r.nextAttemptAt) <= at.getTime(),
          )
          .sort(byCreatedAt)
          .slice(0, limit)
          .map(clone);
      },
      async messagesDue(at, limit) {
        return [...records.values()]
          .filter((r) => messagesDueAt(r) <= at.getTime())
          .sort((a, b) => messagesDueAt(a) - messagesDueAt(b) || byCreatedAt(a, b))
          .slice(0, limit)
          .map(clone);
      },
      async list(listOptions = {}) {
        return [...records.values()]
          .filter((r) => !listOptions.states || listOptions.states.includes(r.state))
          .sort(byCreatedAt)
          .slice(0, listOptions.limit ?? Number.POSITIVE_INFINITY)
          .map(clone);
      },
      async oldestWaiting() {
        return oldestWaitingOf(records.values());
      },
      async countTimelinePending() {
        return [...records.values()].filter(timelinePending).length;
      },
      async countByState() {
        const counts: Partial<Record<EscalationRecord['state'], number>> = {};
        for (const record of records.values())
          counts[record.state] = (counts[record.state] ?? 0) + 1;
        return counts;
      },
      async findByConversationId(conversationId) {
        return byConversation.get(conversationId) ?? null;
      },
      async purgeDead() {
        return purgeWhere((r) => r.state === 'dead').length;
      },
      async purgeFinished(before, limit) {
        return purgeWhere(finishedBefore(before), limit).length;
      },
    },
    stats: {
      async read(days) {
        return Object.fromEntries(
          days.flatMap((day) => (stats.has(day) ? [[day, clone(stats.get(day)!)]] : [])),
        );
      },
      async purgeBefore(day) {
        return forgetStatsBefore(day);
      },
    },
    purgeWhere,
    forgetStatsBefore,
    statsPurgedBefore: () => statsPurgedBefore,
    size: () => records.size,
    restore: (record) => put(clone(record)),
    forget(escalationId) {
      const record = records.get(escalationId);
      if (record?.conversationId) byConversation.delete(record.conversationId);
      records.delete(escalationId);
    },
    restoreStats(days, purgedBefore) {
      statsPurgedBefore = purgedBefore;
      stats.clear();
      for (const [day, counters] of Object.entries(days)) stats.set(day, clone(counters));
    },
    snapshot: () => ({
      records: [...records.values()].map(clone),
      stats: Object.fromEntries([...stats].map(([day, counters]) => [day, clone(counters)])),
      statsPurgedBefore,
    }),
  };
}

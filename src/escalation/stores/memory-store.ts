/**
 * The in-memory store: the tests' store, and the index the file store keeps in front of its log.
 * Every value going in or out is cloned so callers can never mutate stored state.
 */
import { UnknownEscalationError, type EscalationStore } from '../store.js';
import type { EscalationPatch, EscalationRecord } from '../record.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import { finishedBefore, messagesDueAt, oldestWaitingOf, timelinePending } from '../records.js';
import { MEMORY_DURABILITY } from './durability.js';
import { applyDelta, statsDelta, type DayStats } from '../analytics/contribution.js';

export interface MemoryStoreOptions {
  /** @default Date.now */
  clock?: () => number;
}

/** What the file store needs besides the public interface: raw access for its log and snapshot. */
export interface MemoryStore extends EscalationStore {
  /** Replaces or removes a record without touching updatedAt (log replay). */
  restore(record: EscalationRecord): void;
  forget(escalationId: string): void;
  restoreSettings(settings: IntegrationSettings): void;
  restoreSeen(eventId: string, until: number): void;
  /** Replaces every day's analytics counters (a snapshot's, after its records were replayed). */
  restoreStats(days: Record<string, DayStats>, purgedBefore: string): void;
  /** purgeStats, synchronously (log replay). */
  forgetStatsBefore(day: string): number;
  /** The day before which counters were purged ('' when never). */
  statsPurgedBefore(): string;
  restoreServerValue(key: string, value: unknown): void;
  /** How many rate-limit counters are held (ended windows are forgotten). */
  counterCount(): number;
  /** Removes what the predicate picks (up to limit) at once; returns the ids removed. */
  purgeWhere(pick: (record: EscalationRecord) => boolean, limit?: number): string[];
  snapshot(): {
    records: EscalationRecord[];
    settings: IntegrationSettings | null;
    seen: [string, number][];
    stats: Record<string, DayStats>;
    statsPurgedBefore: string;
    serverValues: [string, unknown][];
  };
}

const OUTBOX_STATES = new Set(['queued', 'retrying']);
const clone = <T>(value: T): T => structuredClone(value);
const byCreatedAt = (a: EscalationRecord, b: EscalationRecord) =>
  a.createdAt.localeCompare(b.createdAt) || a.escalationId.localeCompare(b.escalationId);

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.clock ?? Date.now;
  const records = new Map<string, EscalationRecord>();
  const byConversation = new Map<string, string>();
  const leases = new Map<string, { owner: string; until: number }>();
  const seen = new Map<string, number>();
  const counters = new Map<string, { start: number; end: number; count: number }>();
  let sweptAt = 0;
  /**
   * Forgets the counters of windows that have ended, at most once a second: one per client
   * address and chat session would otherwise pile up for as long as the process lives.
   */
  const sweepCounters = (at: number) => {
    if (at - sweptAt < 1000) return;
    sweptAt = at;
    for (const [key, counter] of counters) if (counter.end <= at) counters.delete(key);
  };
  let settings: IntegrationSettings | null = null;
  const stats = new Map<string, DayStats>();
  /** Days before this were purged: a late change to one of their records is not counted again. */
  let statsPurgedBefore = '';
  const serverValues = new Map<string, unknown>();

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
    kind: 'memory',
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
    leases: {
      async acquire(name, owner, ttlMs) {
        const lease = leases.get(name);
        if (lease && lease.until > now() && lease.owner !== owner) return false;
        leases.set(name, { owner, until: now() + ttlMs });
        return true;
      },
      async release(name, owner) {
        if (leases.get(name)?.owner === owner) leases.delete(name);
      },
    },
    events: {
      async markSeen(eventId, ttlMs) {
        const until = seen.get(eventId);
        if (until !== undefined && until > now()) return false;
        seen.set(eventId, now() + ttlMs);
        return true;
      },
    },
    counters: {
      async hit(key, windowMs) {
        const at = now();
        const windowStart = Math.floor(at / windowMs) * windowMs;
        sweepCounters(at);
        const counter = counters.get(key);
        if (!counter || counter.start !== windowStart) {
          counters.set(key, { start: windowStart, end: windowStart + windowMs, count: 1 });
          return 1;
        }
        counter.count += 1;
        return counter.count;
      },
    },
    settings: {
      async get() {
        return settings ? clone(settings) : null;
      },
      async save(next) {
        settings = clone(next);
      },
    },
    serverValues: {
      async get(key) {
        return serverValues.has(key) ? clone(serverValues.get(key)) : null;
      },
      async put(key, value) {
        serverValues.set(key, clone(value));
      },
    },
    purgeWhere,
    forgetStatsBefore,
    statsPurgedBefore: () => statsPurgedBefore,
    counterCount: () => counters.size,
    durability: async () => MEMORY_DURABILITY,
    async ping() {},
    async close() {},
    restore: (record) => put(clone(record)),
    forget(escalationId) {
      const record = records.get(escalationId);
      if (record?.conversationId) byConversation.delete(record.conversationId);
      records.delete(escalationId);
    },
    restoreSettings: (next) => (settings = clone(next)),
    restoreSeen: (eventId, until) => void seen.set(eventId, until),
    restoreStats(days, purgedBefore) {
      statsPurgedBefore = purgedBefore;
      stats.clear();
      for (const [day, counters] of Object.entries(days)) stats.set(day, clone(counters));
    },
    restoreServerValue: (key, value) => void serverValues.set(key, clone(value)),
    snapshot: () => ({
      records: [...records.values()].map(clone),
      settings: settings ? clone(settings) : null,
      seen: [...seen.entries()].filter(([, until]) => until > now()),
      stats: Object.fromEntries([...stats].map(([day, counters]) => [day, clone(counters)])),
      statsPurgedBefore,
      serverValues: [...serverValues.entries()].map(([key, value]) => [key, clone(value)]),
    }),
  };
}

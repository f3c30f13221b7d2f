/**
 * A minimal in-memory EscalationStore for the unit tests that do not exercise a real store.
 */
import type { EscalationRecord, EscalationStore } from '../../../src/escalation/store.js';
import type { IntegrationSettings } from '../../../src/shared/settings.js';

export function createTinyStore(now: () => number = Date.now): EscalationStore {
  const records = new Map<string, EscalationRecord>();
  const leases = new Map<string, { owner: string; until: number }>();
  const seen = new Map<string, number>();
  const counters = new Map<string, { start: number; count: number }>();
  let settings: IntegrationSettings | null = null;
  const clone = <T>(value: T): T => structuredClone(value);
  const iso = () => new Date(now()).toISOString();
  return {
    kind: 'memory',
    async insert(record) {
      const existing = records.get(record.escalationId);
      if (existing) return { inserted: false, record: clone(existing) };
      records.set(record.escalationId, clone(record));
      return { inserted: true, record: clone(record) };
    },
    async get(id) {
      const r = records.get(id);
      return r ? clone(r) : null;
    },
    async update(id, patch) {
      const r = records.get(id);
      if (!r) throw new Error(`unknown escalation ${id}`);
      const next = { ...r, ...clone(patch), updatedAt: iso() };
      records.set(id, next);
      return clone(next);
    },
    async appendReply(id, reply) {
      const r = records.get(id);
      if (!r) throw new Error(`unknown escalation ${id}`);
      if (r.replies.some((x) => x.id === reply.id)) return false;
      r.replies.push(clone(reply));
      return true;
    },
    async acquireLease(id, owner, ttlMs) {
      const lease = leases.get(id);
      if (lease && lease.until > now() && lease.owner !== owner) return false;
      leases.set(id, { owner, until: now() + ttlMs });
      return true;
    },
    async releaseLease(id, owner) {
      if (leases.get(id)?.owner === owner) leases.delete(id);
    },
    async due(at, limit) {
      return [...records.values()]
        .filter(
          (r) =>
            (r.state === 'queued' || r.state === 'retrying') &&
            r.nextAttemptAt !== null &&
            Date.parse(r.nextAttemptAt) <= at.getTime(),
        )
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit)
        .map(clone);
    },
    async list(options = {}) {
      return [...records.values()]
        .filter((r) => !options.states || options.states.includes(r.state))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, options.limit ?? Infinity)
        .map(clone);
    },
    async countByState() {
      const counts: Record<string, number> = {};
      for (const r of records.values()) counts[r.state] = (counts[r.state] ?? 0) + 1;
      return counts;
    },
    async purgeDead() {
      let n = 0;
      for (const [id, r] of records) if (r.state === 'dead' && records.delete(id)) n += 1;
      return n;
    },
    async findByConversationId(conversationId) {
      for (const r of records.values())
        if (r.conversationId === conversationId) return r.escalationId;
      return null;
    },
    async markEventSeen(eventId, ttlMs) {
      const until = seen.get(eventId);
      if (until !== undefined && until > now()) return false;
      seen.set(eventId, now() + ttlMs);
      return true;
    },
    async hit(key, windowMs) {
      const c = counters.get(key);
      if (!c || now() - c.start >= windowMs) {
        counters.set(key, { start: now(), count: 1 });
        return 1;
      }
      c.count += 1;
      return c.count;
    },
    async getSettings() {
      return settings ? clone(settings) : null;
    },
    async saveSettings(next) {
      settings = clone(next);
    },
    async ping() {},
    async close() {},
  };
}

/**
 * The Redis store's records and stats ports. Each record write is a compare-and-set script
 * (redis-scripts.ts) that updates the record's indexes and its day's analytics counters in the
 * same step: the caller merges in JavaScript, and a write that lost a race is tried again.
 */
import type { Redis } from 'ioredis';
import {
  ESCALATION_STATES,
  type AgentReply,
  type EscalationState,
} from '../../shared/escalation.js';
import { UnknownEscalationError, type StorePorts } from '../store.js';
import type { EscalationPatch, EscalationRecord } from '../record.js';
import {
  IN_PROGRESS_STATES,
  OUTBOX_STATES,
  WAITING_STATES,
  finishedBefore,
  isFinished,
  messagesDueAt,
  oldestWaitingOf,
  timelinePending,
} from '../records.js';
import { DELETE_RECORD, PUT_RECORD, RAISE_STATS_LIMIT } from './redis-scripts.js';
import { createRedisReads, redisKeys } from './redis-reads.js';
import { statsDelta } from '../analytics/contribution.js';

const MAX_CAS_ATTEMPTS = 20;

export function redisRecords(
  redis: Redis,
  prefix: string,
  now: () => number,
): StorePorts<'records' | 'stats'> {
  const keys = redisKeys(prefix);
  const { read, loadAll, glances } = createRedisReads(redis, keys);

  /** Writes `record` if the stored version is still `version`; `before` is what was read. */
  function put(
    record: EscalationRecord,
    version: string,
    before: EscalationRecord | null,
  ): Promise<number> {
    const oldState: EscalationState = before?.state ?? record.state;
    const delta = statsDelta(before, record);
    const due = (record.state === 'queued' || record.state === 'retrying') && record.nextAttemptAt;
    const finished = isFinished(record);
    const messagesDue = messagesDueAt(record);
    return redis.eval(
      PUT_RECORD,
      10,
      keys.record(record.escalationId),
      keys.outbox,
      keys.conversations,
      keys.state(oldState),
      keys.state(record.state),
      keys.finished,
      keys.messages,
      keys.stats(delta.day),
      keys.statsDays,
      keys.statsPurgedBefore,
      record.escalationId,
      version,
      JSON.stringify(record),
      due ? String(Date.parse(due)) : '',
      record.conversationId ?? '',
      finished ? String(Date.parse(record.updatedAt)) : '',
      Number.isFinite(messagesDue) ? String(messagesDue) : '',
      record.createdAt,
      timelinePending(record) ? '1' : '0',
      delta.day,
      ...delta.changes.flatMap(([field, by]) => [field, String(by)]),
    ) as Promise<number>;
  }

  /** Deletes the record if it is as it was read (version) and still picked; true when deleted. */
  async function deleteIf(id: string, pick: (record: EscalationRecord) => boolean) {
    const current = await read(id);
    if (!current) {
      await redis.zrem(keys.finished, id); // an index entry left by a record already gone
      return false;
    }
    if (!pick(current.record)) return false;
    const deleted = await redis.eval(
      DELETE_RECORD,
      6,
      keys.record(id),
      keys.outbox,
      keys.conversations,
      keys.state(current.record.state),
      keys.finished,
      keys.messages,
      id,
      current.record.conversationId ?? '',
      current.version,
    );
    return deleted === 1;
  }

  async function deleteEach(ids: string[], pick: (record: EscalationRecord) => boolean) {
    let deleted = 0;
    for (const id of ids) if (await deleteIf(id, pick)) deleted += 1;
    return deleted;
  }

  /** Read, change in JavaScript, write if nobody wrote in between; retried on a lost race. */
  async function modify(id: string, change: (record: EscalationRecord) => EscalationRecord | null) {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
      const current = await read(id);
      if (!current) throw new UnknownEscalationError(id);
      const next = change(current.record);
      if (!next) return null;
      if ((await put(next, current.version, current.record)) === 1) return next;
    }
    throw new Error(`escalation ${id} is being changed concurrently; try again`);
  }

  const stamp = () => new Date(now()).toISOString();
  /** Members of a sorted set scored up to `max`, lowest first, at most `count` of them. */
  const scoredUpTo = (key: string, max: number | string, count: number) =>
    redis.zrangebyscore(key, '-inf', max, 'LIMIT', 0, count);

  return {
    records: {
      async insert(record) {
        if ((await put(record, '', null)) === 1) return { inserted: true, record };
        const existing = await read(record.escalationId);
        return { inserted: false, record: existing!.record };
      },
      async get(id) {
        return (await read(id))?.record ?? null;
      },
      async update(id, patch: EscalationPatch) {
        return (await modify(id, (record) => ({ ...record, ...patch, updatedAt: stamp() })))!;
      },
      async updateWhere(id, change) {
        return modify(id, (record) => {
          const patch = change(record);
          return patch ? { ...record, ...patch, updatedAt: stamp() } : null;
        });
      },
      async appendReply(id, reply: AgentReply) {
        const next = await modify(id, (record) =>
          record.replies.some((existing) => existing.id === reply.id)
            ? null
            : { ...record, replies: [...record.replies, reply], updatedAt: stamp() },
        );
        return next !== null;
      },
      async due(at, limit) {
        // Everything due, then oldest created first: retry times must not reorder the queue.
        const ids = await scoredUpTo(keys.outbox, at.getTime(), Math.max(limit * 10, 500));
        const records = await loadAll(ids);
        return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, limit);
      },
      async messagesDue(at, limit) {
        const ids = await scoredUpTo(keys.messages, at.getTime(), limit);
        const records = await loadAll(ids);
        return records.sort((a, b) => messagesDueAt(a) - messagesDueAt(b));
      },
      async list(listOptions = {}) {
        const found = await glances(listOptions.states ?? [...ESCALATION_STATES]);
        found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        const ids = found.slice(0, listOptions.limit ?? found.length).map((g) => g.id);
        return loadAll(ids);
      },
      async oldestWaiting() {
        return oldestWaitingOf(await glances(WAITING_STATES));
      },
      async countTimelinePending() {
        const found = await glances([...IN_PROGRESS_STATES, ...OUTBOX_STATES]);
        return found.filter((g) => g.pending).length;
      },
      async countByState() {
        const counts = await Promise.all(
          ESCALATION_STATES.map((state) => redis.scard(keys.state(state))),
        );
        return Object.fromEntries(
          ESCALATION_STATES.map((state, i) => [state, counts[i]]).filter(([, n]) => n),
        );
      },
      async findByConversationId(conversationId) {
        return redis.hget(keys.conversations, conversationId);
      },
      async purgeDead() {
        const ids = await redis.smembers(keys.state('dead'));
        return deleteEach(ids, (record) => record.state === 'dead');
      },
      async purgeFinished(before, limit) {
        const ids = await scoredUpTo(keys.finished, `(${before.getTime()}`, limit);
        return deleteEach(ids, finishedBefore(before));
      },
    },
    stats: {
      async read(days) {
        const all = await Promise.all(days.map((day) => redis.hgetall(keys.stats(day))));
        return Object.fromEntries(
          days.flatMap((day, i) => {
            const fields = Object.entries(all[i]!);
            if (fields.length === 0) return [];
            return [[day, Object.fromEntries(fields.map(([field, n]) => [field, Number(n)]))]];
          }),
        );
      },
      async purgeBefore(day) {
        // The limit first: a write landing meanwhile either ran before it (and is deleted below)
        // or sees it and leaves the day alone.
        await redis.eval(RAISE_STATS_LIMIT, 1, keys.statsPurgedBefore, day);
        // Day names sort as text, so the days before `day` are a lexical range of the index.
        const days = await redis.zrangebylex(keys.statsDays, '-', `(${day}`);
        if (days.length === 0) return 0;
        await redis.del(...days.map((d) => keys.stats(d)));
        await redis.zrem(keys.statsDays, ...days);
        return days.length;
      },
    },
  };
}

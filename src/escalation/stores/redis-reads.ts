/**
 * How the Redis store reads: its keys, one record with its version, many records, and glances:
 * a record's state, createdAt and whether its timeline is pending from the small fields written
 * beside its JSON (redis-scripts.ts), so the status summary reads no transcript.
 */
import type { Redis } from 'ioredis';
import type { EscalationState } from '../../shared/escalation.js';
import { timelinePending } from '../records.js';
import type { EscalationRecord } from '../record.js';

export function redisKeys(p: string) {
  return {
    record: (id: string) => `${p}rec:${id}`,
    outbox: `${p}outbox`,
    finished: `${p}finished`,
    messages: `${p}messages`,
    conversations: `${p}conversations`,
    state: (state: EscalationState) => `${p}state:${state}`,
    stats: (day: string) => `${p}stats:${day}`,
    statsDays: `${p}stats:days`,
    statsPurgedBefore: `${p}stats:purged-before`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

export interface Glance {
  id: string;
  state: EscalationState;
  createdAt: string;
  pending: boolean;
}

export function createRedisReads(redis: Redis, keys: RedisKeys) {
  async function read(id: string): Promise<{ record: EscalationRecord; version: string } | null> {
    const [json, version] = await redis.hmget(keys.record(id), 'json', 'v');
    return json && version ? { record: JSON.parse(json) as EscalationRecord, version } : null;
  }

  async function loadAll(ids: string[]): Promise<EscalationRecord[]> {
    if (ids.length === 0) return [];
    const jsons = await Promise.all(ids.map((id) => redis.hget(keys.record(id), 'json')));
    return jsons
      .filter((json): json is string => json !== null)
      .map((json) => JSON.parse(json) as EscalationRecord);
  }

  async function glance(id: string, state: EscalationState): Promise<Glance | null> {
    const [createdAt, pending] = await redis.hmget(keys.record(id), 'c', 'p');
    if (createdAt && pending) return { id, state, createdAt, pending: pending === '1' };
    // Written before these fields existed: read it whole, once, until its next write.
    const record = (await read(id))?.record;
    if (!record) return null; // deleted meanwhile
    return { id, state, createdAt: record.createdAt, pending: timelinePending(record) };
  }

  /** Every record in these states, glanced at (ids and small fields only). */
  async function glances(states: EscalationState[]): Promise<Glance[]> {
    const perState = await Promise.all(
      states.map(async (state) => ({ state, ids: await redis.smembers(keys.state(state)) })),
    );
    const found = await Promise.all(
      perState.flatMap(({ state, ids }) => ids.map((id) => glance(id, state))),
    );
    return found.filter((g): g is Glance => g !== null);
  }

  return { read, loadAll, glances };
}

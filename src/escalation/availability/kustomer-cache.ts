/**
 * Kustomer's answers about availability, reused for a short while: a schedule changes rarely (60
 * s), agents and waits often (15 s). A failure is remembered as briefly as an agents' answer, so a
 * Kustomer that is down is not asked again by every escalation of a burst; one request in flight
 * is shared by every caller that asks meanwhile.
 */
import { LRUCache } from 'lru-cache';
import type {
  AvailableSession,
  KustomerSchedule,
  QueueWait,
} from '../../kustomer/resources/availability-reads.js';
import type { KustomerClient } from '../../kustomer/types.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function createKustomerAnswers(
  client: Pick<KustomerClient, 'availability'>,
  clock: () => number,
  ttl: { scheduleMs?: number; agentsMs?: number } = {},
) {
  const scheduleMs = ttl.scheduleMs ?? 60_000;
  const agentsMs = ttl.agentsMs ?? 15_000;
  const cache = new LRUCache<string, { outcome: Outcome }>({
    max: 200,
    ttl: agentsMs,
    ttlResolution: 0,
    perf: { now: clock },
  });
  const inflight = new Map<string, Promise<unknown>>();

  async function remember<T>(key: string, ttlMs: number, ask: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit) {
      if (hit.outcome.ok) return hit.outcome.value as T;
      throw hit.outcome.error;
    }
    const pending = inflight.get(key);
    if (pending) return pending as Promise<T>;
    const promise = ask().then(
      (value) => {
        cache.set(key, { outcome: { ok: true, value } }, { ttl: ttlMs });
        return value;
      },
      (error: unknown) => {
        cache.set(key, { outcome: { ok: false, error } }, { ttl: agentsMs });
        throw error;
      },
    );
    inflight.set(key, promise);
    try {
      return await promise;
    } finally {
      inflight.delete(key);
    }
  }

  return {
    forget: () => cache.clear(),
    schedule: (id: string | null): Promise<KustomerSchedule | null> =>
      remember(`schedule:${id ?? 'default'}`, scheduleMs, () => client.availability.schedule(id)),
    availableSessions: (): Promise<AvailableSession[]> =>
      remember('sessions', agentsMs, () => client.availability.availableSessions()),
    queueWaits: (queueIds: string[]): Promise<QueueWait[]> =>
      remember(`waits:${[...queueIds].sort().join(',')}`, agentsMs, () =>
        client.availability.queueWaits(queueIds),
      ),
  };
}

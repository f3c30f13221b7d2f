/**
 * The Integrations status is polled every 10 s while someone watches an outage: with 5,000
 * escalations waiting it reads counts, the oldest waiting date and one bounded page of the
 * outbox, never every waiting record (what it reads is asserted, not how long it takes; speed
 * belongs in `npm run bench`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationStore } from '../../src/escalation/store.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { wrapStore } from '../../src/escalation/stores/wrap-store.js';
import { makeRecord } from '../escalation/stores/record-factory.js';
import { startHarness, type Harness } from './harness.js';

const WAITING = 5_000;

/** The store, counting every record its answers carry (one for get, n for a list). */
function counting(inner: EscalationStore) {
  const read: Record<string, number> = {};
  const store = wrapStore(inner, async ({ name, proceed }) => {
    const result = await proceed();
    const records = Array.isArray(result)
      ? result.filter((r) => typeof r === 'object' && r && 'escalationId' in r).length
      : result && typeof result === 'object' && 'escalationId' in result
        ? 1
        : 0;
    if (records) read[name] = (read[name] ?? 0) + records;
    return result;
  });
  return { store, read };
}

let h: Harness;
const { store, read } = counting(createMemoryStore());
const start = Date.parse('2026-11-24T10:00:00.000Z');

beforeAll(async () => {
  for (let i = 0; i < WAITING; i += 1) {
    const createdAt = new Date(start + i * 1000).toISOString();
    const state = i % 2 ? 'queued' : 'retrying';
    await store.records.insert(
      makeRecord(`wait-${i}`, { state, createdAt, nextAttemptAt: createdAt }),
    );
  }
  h = await startHarness({}, undefined, { store });
});
afterAll(() => h.close());

describe('status with 5,000 escalations waiting', () => {
  it('reads one page of the outbox, not every waiting record', async () => {
    for (const key of Object.keys(read)) delete read[key];
    const response = await h.call('/api/integrations/kustomer', { admin: true });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      outbox: { queued: number; retrying: number; oldestQueuedAt: string; items: unknown[] };
    };
    expect(body.outbox.queued + body.outbox.retrying).toBe(WAITING);
    expect(body.outbox.oldestQueuedAt).toBe(new Date(start).toISOString());
    expect(body.outbox.items).toHaveLength(50);
    const total = Object.values(read).reduce((sum, n) => sum + n, 0);
    expect(read).toEqual({ 'records.list': 50 });
    expect(total).toBeLessThanOrEqual(50);
  });
});

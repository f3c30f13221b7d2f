/**
 * GET /api/cron/drain-outbox within a time budget (DRAIN_BUDGET_MS), so it ends well inside
 * Vercel's maxDuration: past the budget no new delivery starts, the answer says so, and the
 * rest is delivered by the next run, each escalation once. Time is a fake clock that moves 8 s
 * each time a delivery claims its escalation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationStore } from '../../src/escalation/store.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { CRON_SECRET, escalationBody, startHarness, type Harness } from './harness.js';

const QUEUED = 8;
let h: Harness;
let now = Date.parse('2026-11-24T10:00:00.000Z');
let stepPerDelivery = 0;

function steppingStore(): EscalationStore {
  const store = createMemoryStore();
  const acquireLease = store.leases.acquire.bind(store.leases);
  store.leases.acquire = async (...args) => {
    now += stepPerDelivery;
    return acquireLease(...args);
  };
  return store;
}

beforeAll(async () => {
  h = await startHarness({ DRAIN_BUDGET_MS: '20000' }, undefined, {
    clock: () => now,
    store: steppingStore(),
  });
  // Queue escalations without touching Kustomer: the integration is off, in queue mode.
  const off = { enabled: false, whenDisabled: 'queue' };
  await h.call('/api/integrations/kustomer/settings', { method: 'PUT', admin: true, json: off });
  for (let i = 0; i < QUEUED; i += 1) {
    const response = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody(`cron-${i}`),
    });
    expect(response.status).toBe(202);
  }
  const on = { enabled: true };
  await h.call('/api/integrations/kustomer/settings', { method: 'PUT', admin: true, json: on });
});
afterAll(() => h.close());

const cron = async () => {
  const response = await h.call('/api/cron/drain-outbox', {
    headers: { authorization: `Bearer ${CRON_SECRET}` },
  });
  expect(response.status).toBe(200);
  return response.json();
};

const conversations = () =>
  h.sandbox.state().conversations.filter((c) => c.externalId?.startsWith('cron-'));

describe('cron drain time budget', () => {
  it('starts no delivery past the budget and says it stopped there', async () => {
    stepPerDelivery = 8_000;
    const report = await cron();
    expect(report).toMatchObject({ budgetMs: 20_000, stoppedAtBudget: true });
    expect(report.attempted).toBeGreaterThan(0);
    expect(report.attempted).toBeLessThan(QUEUED);
    expect(report.delivered).toBe(report.attempted);
    expect(conversations()).toHaveLength(report.delivered);
    expect((await h.services.escalations.outboxSummary()).queued).toBe(QUEUED - report.delivered);
  });

  it('delivers the rest on the next run, each escalation once', async () => {
    stepPerDelivery = 0;
    const before = conversations().length;
    const report = await cron();
    expect(report).toMatchObject({ stoppedAtBudget: false, delivered: QUEUED - before });
    expect(conversations()).toHaveLength(QUEUED);
    expect(new Set(conversations().map((c) => c.externalId)).size).toBe(QUEUED);
  });
});

/**
 * GET /api/integrations/kustomer/analytics over the whole stack: escalations through the real
 * client to the sandbox over HTTP, an agent's reply coming back as Kustomer's webhook to a real
 * socket, and the figures read back from the endpoint; with the memory store and with Redis.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATIVE_ERROR } from '../../src/escalation/analytics/histogram.js';
import type { EscalationStore } from '../../src/escalation/store.js';
import { createMemoryStore, createRedisStore } from '../../src/escalation/stores/index.js';
import { createApp } from '../../src/server/app.js';
import { nodeHandler } from '../../src/server/node-adapter.js';
import { analyticsSchema, type Analytics } from '../../src/shared/analytics.js';
import { startRedis, type RedisHandle } from '../support/redis.js';
import { escalationBody, startHarness, WEBHOOK_SECRET, type Harness } from './harness.js';

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

const stores: Record<string, () => EscalationStore> = {
  memory: () => createMemoryStore(),
  redis: () => createRedisStore({ url: redis.url, keyPrefix: `analytics-${Date.now()}:` }),
};

/** Within the histogram's stated precision of the exact duration. */
function expectNear(actual: number | null, exact: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(exact * RELATIVE_ERROR + 0.5);
}

describe.each(Object.keys(stores))('hand-off analytics with the %s store', (kind) => {
  let h: Harness;
  let server: Server;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await startHarness({}, undefined, { store: stores[kind]!() });
    let origin = '';
    server = createServer(nodeHandler(createApp(h.services), () => origin));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h.sandbox.setWebhook({ url: `${origin}/api/webhooks/kustomer`, secret: WEBHOOK_SECRET });
    const rules = [{ id: 'billing-rule', name: 'Billing', intents: ['billing'], teamId: null }];
    const saved = await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: { routingRules: rules },
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    server.close();
    await h.close();
  });

  const analytics = async (query = '') => {
    const response = await h.call(`/api/integrations/kustomer/analytics${query}`, { admin: true });
    expect(response.status).toBe(200);
    return analyticsSchema.parse(await response.json()) as Analytics;
  };
  const escalate = (id: string, overrides: Record<string, unknown> = {}) =>
    h.call('/api/escalations', { method: 'POST', json: escalationBody(id, overrides) });

  it('is for admins only, and names the field of a range it does not offer', async () => {
    expect((await h.call('/api/integrations/kustomer/analytics')).status).toBe(401);
    const bad = await h.call('/api/integrations/kustomer/analytics?days=12', { admin: true });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ fields: { days: expect.any(String) } });
  });

  it('shows escalations, outcomes, both waits, reasons and rules after a hand-off and a reply', async () => {
    const before = await analytics('?days=7');
    expect(before.totals.escalations).toBe(0);
    expect(before.range).toMatchObject({ days: 7, to: today, timeZone: 'UTC' });

    expect((await escalate('an-billing')).status).toBe(201);
    expect(
      (await escalate('an-other', { intent: 'shipping', reason: 'low_confidence' })).status,
    ).toBe(201);
    h.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    expect((await escalate('an-queued', { intent: 'shipping' })).status).toBe(202);
    h.sandbox.clearFaults();
    await h.services.escalations.idle();
    const billing = (await h.services.store.records.get('an-billing'))!;
    await h.sandbox.agentReply(billing.conversationId!, 'Hello, I can help with that invoice.');
    // A second reply does not move the first reply's time.
    await h.sandbox.agentReply(billing.conversationId!, 'Anything else?');

    const figures = await analytics('?days=7');
    expect(figures.totals).toEqual({
      escalations: 3,
      delivered: 2,
      queued: 1,
      dead: 0,
      refused: 0,
      outOfHours: 0,
    });
    expect(figures.days.at(-1)).toMatchObject({ date: today, escalations: 3, delivered: 2 });
    expect(figures.days).toHaveLength(7);

    const records = await Promise.all(
      ['an-billing', 'an-other'].map((id) => h.services.store.records.get(id)),
    );
    const waits = records
      .map((r) => Date.parse(r!.escalatedAt!) - Date.parse(r!.createdAt))
      .sort((a, b) => a - b);
    expect(figures.untilEscalated.count).toBe(2);
    expectNear(figures.untilEscalated.p50Ms, waits[0]!);
    expectNear(figures.untilEscalated.p95Ms, waits[1]!);
    const firstReply = (await h.services.store.records.get('an-billing'))!;
    expect(firstReply.replies).toHaveLength(2);
    expect(figures.untilFirstReply.count).toBe(1);
    expectNear(
      figures.untilFirstReply.p50Ms,
      Date.parse(firstReply.firstReplyAt!) - Date.parse(firstReply.createdAt),
    );
    expect(figures.byReason).toEqual([
      { reason: 'user_requested', count: 2 },
      { reason: 'low_confidence', count: 1 },
    ]);
    expect(figures.byRule).toEqual([
      { ruleId: null, name: null, count: 1 },
      { ruleId: 'billing-rule', name: 'Billing', count: 1 },
    ]);
    expect(figures.notRouted).toBe(1); // the queued one has not reached routing yet
  });

  it('counts the queued escalation as delivered once the outbox delivers it', async () => {
    await h.call('/api/integrations/kustomer/outbox/an-queued/retry', {
      method: 'POST',
      admin: true,
    });
    await h.services.escalations.idle();
    const figures = await analytics();
    expect(figures.range.days).toBe(30);
    expect(figures.totals).toMatchObject({ escalations: 3, delivered: 3, queued: 0 });
    expect(figures.untilEscalated.count).toBe(3);
    expect(figures.notRouted).toBe(0);
  });

  it('counts a hand-off asked for while the business is closed as out of hours', async () => {
    h.sandbox.setAvailability({ businessClosed: true });
    h.services.availability.forget();
    try {
      await escalate('an-closed');
      await h.services.escalations.idle();
    } finally {
      h.sandbox.setAvailability({ businessClosed: false });
      h.services.availability.forget();
    }
    expect((await h.services.store.records.get('an-closed'))?.availability?.open).toBe(false);
    const figures = await analytics('?days=7');
    expect(figures.totals).toMatchObject({ escalations: 4, outOfHours: 1 });
    expect(figures.days.at(-1)).toMatchObject({ escalations: 4, outOfHours: 1 });
  });
});

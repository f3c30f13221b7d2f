/**
 * The Integrations API on Kustomer's queues and SLAs, through createApp against the sandbox: the
 * queue list for the routing editor, settings naming a queue checked against Kustomer's (a clear
 * 400 naming the field otherwise), the sample trial naming the queue, and Test connection asking
 * for the routing roles once a queue is used and warning about an SLA policy the transcript would
 * satisfy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionResult } from '../../src/shared/integration.js';
import type { QueuesResponse, RoutingTrialResponse } from '../../src/shared/routing-trial.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const testConnection = async () =>
  (await (
    await h.call('/api/integrations/kustomer/test', { method: 'POST', admin: true })
  ).json()) as ConnectionResult;

describe('queues on the Integrations API', () => {
  it("lists Kustomer's queues for the routing editor", async () => {
    const response = await h.call('/api/integrations/kustomer/queues', { admin: true });
    const body = (await response.json()) as QueuesResponse;
    expect(body.unavailable).toBeNull();
    expect(body.queues.map((q) => q.name)).toEqual([
      'Default Queue',
      'Chat',
      'Billing',
      'VIP Support',
    ]);
  });

  it('refuses a rule naming a queue Kustomer does not have, naming the field', async () => {
    const response = await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: {
        routingRules: [
          { id: 'vip', intents: ['vip'], teamId: null, queueId: 'abcdefabcdefabcdefabcdef' },
        ],
      },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toEqual({
      'routingRules.0.queueId': 'queue abcdefabcdefabcdefabcdef does not exist in Kustomer',
    });
  });

  it('names the queue in the sample trial, and Test connection then asks for the routing roles', async () => {
    const billing = h.sandbox.state().queues[2]!;
    expect(
      (await testConnection()).permissions?.capabilities.map((c) => c.capability),
    ).not.toContain('routing.create');
    const saved = await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: {
        routingRules: [{ id: 'bills', intents: ['billing'], teamId: null, queueId: billing.id }],
      },
    });
    expect(saved.status).toBe(200);
    const trial = await h.call('/api/integrations/kustomer/routing/try', {
      method: 'POST',
      admin: true,
      json: { text: 'my invoice', intent: 'billing', reason: 'user_requested' },
    });
    expect(((await trial.json()) as RoutingTrialResponse).queue).toEqual({
      id: billing.id,
      name: 'Billing',
    });
    const result = await testConnection();
    expect(result.permissions).toMatchObject({ ok: true });
    expect(result.permissions?.capabilities.map((c) => c.capability)).toEqual(
      expect.arrayContaining(['queue.read', 'routing.read', 'routing.create', 'routing.update']),
    );
  });
});

describe('SLA safety in Test connection', () => {
  it('says no policy is fooled, then names the one that would be', async () => {
    expect((await testConnection()).sla).toMatchObject({ status: 'ok', fooled: [] });
    const [, email] = h.sandbox.state().slas;
    h.sandbox.routing.setSlaFooled(email!.id, true);
    try {
      expect((await testConnection()).sla).toMatchObject({
        status: 'warn',
        fooled: [{ id: email!.id, name: 'Email Policy' }],
        message: expect.stringContaining('"Email Policy"'),
      });
    } finally {
      h.sandbox.routing.setSlaFooled(email!.id, false);
    }
  });
});

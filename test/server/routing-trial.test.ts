import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let billing: { id: string; name: string };
let support: { id: string; name: string };
beforeAll(async () => {
  h = await startHarness();
  const teams = await h.services.client.teams.list();
  billing = teams.find((t) => t.name === 'Billing')!;
  support = teams.find((t) => t.name === 'Support')!;
});
afterAll(() => h.close());

const tryRules = (json: unknown, admin = true) =>
  h.call('/api/integrations/kustomer/routing/try', { method: 'POST', admin, json });

describe('POST /api/integrations/kustomer/routing/try', () => {
  it('tries the saved rules and says which matched and why the others did not', async () => {
    await h.services.settings.update({
      defaultTeamId: support.id,
      defaultPriority: 2,
      routingRules: [
        {
          id: 'refunds',
          name: 'Refunds',
          intents: ['billing', 'refund'],
          keywords: ['refund', 'charged twice'],
          teamId: billing.id,
          priority: 5,
        },
        { id: 'any-billing', intents: ['billing'], teamId: null },
      ],
    });
    const response = await tryRules({
      text: 'Why is my invoice so high?',
      intent: 'billing',
      reason: 'user_requested',
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    // The second rule has no team: the default team, at the default priority.
    expect(body).toMatchObject({
      ruleId: 'any-billing',
      team: { id: support.id, name: 'Support' },
      priority: 2,
    });
    expect(body.rules[0]).toMatchObject({ id: 'refunds', matched: false });
    expect(body.rules[0].checks[1]).toEqual({
      condition: 'keyword',
      ok: false,
      detail: 'the customer wrote none of "refund", "charged twice"',
    });
  });

  it('tries unsaved rules from the editor instead of the saved ones', async () => {
    const response = await tryRules({
      text: 'I was charged twice',
      reason: 'user_requested',
      rules: {
        defaultTeamId: null,
        defaultPriority: 3,
        routingRules: [{ id: 'twice', keywords: ['charged twice'], teamId: billing.id }],
      },
    });
    expect(await response.json()).toMatchObject({
      ruleId: 'twice',
      team: { id: billing.id, name: 'Billing' },
      priority: 3,
    });
  });

  it('rejects a sample without text with 400 naming the field, and needs the admin token', async () => {
    const bad = await tryRules({ text: ' ', reason: 'user_requested' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('text');
    const anonymous = await tryRules({ text: 'hi', reason: 'user_requested' }, false);
    expect(anonymous.status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { escalationBody, startHarness, CRON_SECRET, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('POST /api/escalations', () => {
  it('escalates with 201 and answers a repeat with the first result, creating one conversation', async () => {
    const first = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-201'),
    });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ status: 'escalated', escalationId: 'e-201', priority: 3 });
    expect(body.conversationUrl).toBe(
      `https://acme.kustomerapp.com/app/conversations/${body.conversationId}`,
    );
    const again = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-201'),
    });
    expect(await again.json()).toEqual(body);
    expect(h.sandbox.state().conversations.filter((c) => c.externalId === 'e-201')).toHaveLength(1);
  });

  it('rejects a bad body with 400 naming each field, and writes nothing', async () => {
    const before = h.sandbox.state().customers.length;
    const response = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-bad', { customer: { email: 'not-an-email' }, reason: 'bored' }),
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['customer.email', 'reason']));
    expect(await h.services.store.records.get('e-bad')).toBeNull();
    expect(h.sandbox.state().customers.length).toBe(before);
  });

  it('says plainly which fields are missing', async () => {
    const response = await h.call('/api/escalations', {
      method: 'POST',
      json: { sessionId: 'chat-1' },
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.fields).toMatchObject({
      escalationId: 'Required',
      customer: 'Required',
      transcript: 'Required',
      reason: 'Required',
    });
  });

  it('answers 413 past the body limit, 415 for another content type, 400 for broken JSON', async () => {
    const huge = await h.call('/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"x":"${'a'.repeat(300_000)}"}`,
    });
    expect(huge.status).toBe(413);
    const text = await h.call('/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const broken = await h.call('/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"escalationId":',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_json');
  });

  it('limits escalations per chat session with 429 and Retry-After', async () => {
    // The store's clock stands still, so the per-minute window cannot roll over mid-test on a
    // busy machine.
    const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    const limited = await startHarness({}, undefined, {
      store: createMemoryStore({ clock: () => frozen }),
    });
    onTestFinished(() => limited.close());
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await limited.call('/api/escalations', {
        method: 'POST',
        json: escalationBody(`e-rl-${i}`, { sessionId: 'chat-flood' }),
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('60');
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });
});

describe('GET /api/escalations/:id', () => {
  it('shows state, team, priority and the conversation link; 404 for an unknown id', async () => {
    await h.call('/api/escalations', { method: 'POST', json: escalationBody('e-status') });
    await h.services.escalations.idle(); // the transcript's job, after the answer
    const response = await h.call('/api/escalations/e-status?sessionId=chat-e-status');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      escalationId: 'e-status',
      state: 'done',
      closed: false,
      replies: [],
    });
    expect((await h.call('/api/escalations/nope?sessionId=chat-nope')).status).toBe(404);
  });

  it('answers only the chat session that escalated, or an admin', async () => {
    await h.call('/api/escalations', { method: 'POST', json: escalationBody('e-owned') });
    await h.services.escalations.idle();
    const other = await h.call('/api/escalations/e-owned?sessionId=chat-someone-else');
    expect(other.status).toBe(404);
    expect(JSON.stringify(await other.json())).not.toContain('e-owned@example.com');
    const anonymous = await h.call('/api/escalations/e-owned');
    expect(anonymous.status).toBe(400);
    expect((await anonymous.json()).error.fields).toEqual({ sessionId: 'Required' });
    const admin = await h.call('/api/escalations/e-owned', { admin: true });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ escalationId: 'e-owned', state: 'done' });
  });
});

describe('POST /api/escalations from another chat session with a used escalationId', () => {
  it('is refused with 409 and writes nothing, so it cannot read the first result', async () => {
    const first = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-taken'),
    });
    expect(first.status).toBe(201);
    const before = h.sandbox.state();
    const replay = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-taken', { sessionId: 'chat-intruder' }),
    });
    expect(replay.status).toBe(409);
    const body = await replay.json();
    expect(body.error.code).toBe('escalation_id_conflict');
    expect(JSON.stringify(body)).not.toContain('conversationId');
    expect(h.sandbox.state().conversations).toHaveLength(before.conversations.length);
    // The owner's own repeat still answers the first result.
    const again = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-taken'),
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ escalationId: 'e-taken', status: 'escalated' });
  });
});

describe('admin endpoints', () => {
  it('refuse without the admin token with 401 and change nothing', async () => {
    const before = await h.services.settings.get();
    const response = await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      json: { enabled: false },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await h.services.settings.get()).toEqual(before);
    expect(
      (await h.call('/api/integrations/kustomer', { headers: { authorization: 'Bearer wrong' } }))
        .status,
    ).toBe(401);
  });

  it('report status without ever showing more than the last 4 characters of the key', async () => {
    const response = await h.call('/api/integrations/kustomer', { admin: true });
    const body = await response.json();
    expect(body).toMatchObject({
      mode: 'live',
      key: { configured: true, last4: 'ghij' },
      breaker: 'closed',
      store: 'memory',
      retentionDays: 30,
    });
    expect(JSON.stringify(body)).not.toContain('live-key-for-tests');
  });

  it('validates settings against real teams, naming the field, and saves valid ones', async () => {
    const bad = await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: { defaultTeamId: 'ffffffffffffffffffffffff' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('defaultTeamId');
    const teams = (await (await h.call('/api/integrations/kustomer/teams', { admin: true })).json())
      .teams as { id: string; name: string }[];
    const billing = teams.find((t) => t.name === 'Billing')!;
    const good = await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: {
        defaultPriority: 4,
        routingRules: [{ id: 'r1', intents: ['billing'], teamId: billing.id, priority: 5 }],
      },
    });
    expect(good.status).toBe(200);
    const escalated = await (
      await h.call('/api/escalations', {
        method: 'POST',
        json: escalationBody('e-routed', { sessionId: 'chat-routed' }),
      })
    ).json();
    expect(escalated).toMatchObject({ team: { id: billing.id, name: 'Billing' }, priority: 5 });
    await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: { routingRules: [], defaultPriority: 3 },
    });
  });

  it('tests the connection and reports every permission', async () => {
    const body = await (
      await h.call('/api/integrations/kustomer/test', { method: 'POST', admin: true })
    ).json();
    expect(body.ok).toBe(true);
    expect(body.permissions.missing).toEqual([]);
    expect(body.permissions.capabilities.length).toBeGreaterThanOrEqual(9);
  });

  it('sends a marked test escalation and looks customers up by email', async () => {
    const result = await (
      await h.call('/api/integrations/kustomer/test-escalation', {
        method: 'POST',
        admin: true,
        json: { email: 'tester@example.com' },
      })
    ).json();
    expect(result.status).toBe('escalated');
    const conversation = h.sandbox
      .state()
      .conversations.find((c) => c.id === result.conversationId)!;
    expect(conversation.tags).toContain('test');
    const found = await (
      await h.call('/api/integrations/kustomer/customers?email=tester%40example.com', {
        admin: true,
      })
    ).json();
    expect(found.customer.emails).toEqual(['tester@example.com']);
    const missing = await (
      await h.call('/api/integrations/kustomer/customers?email=nobody%40example.com', {
        admin: true,
      })
    ).json();
    expect(missing).toEqual({ customer: null });
    expect(
      (await h.call('/api/integrations/kustomer/customers?email=x', { admin: true })).status,
    ).toBe(400);
  });

  it('hides the sandbox endpoints in live mode', async () => {
    expect((await h.call('/api/integrations/kustomer/sandbox', { admin: true })).status).toBe(404);
  });
});

describe('operations', () => {
  it('health, ready, 404 and 405 as JSON with security headers and a request id', async () => {
    const health = await h.call('/api/health');
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-request-id')).toMatch(/.+/);
    expect(await (await h.call('/api/ready')).json()).toMatchObject({
      ready: true,
      // The harness's memory store forgets on restart, and says so.
      checks: { store: 'ok', durability: 'volatile', breaker: 'closed' },
    });
    expect((await h.call('/api/nothing')).status).toBe(404);
    const wrongMethod = await h.call('/api/health', { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
  });

  it('drains the outbox from cron only with the cron secret', async () => {
    expect((await h.call('/api/cron/drain-outbox')).status).toBe(401);
    const ok = await h.call('/api/cron/drain-outbox', {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveProperty('attempted');
  });

  it('answers CORS only for allowed origins', async () => {
    const allowed = await h.call('/api/health', {
      headers: { origin: 'https://chat.example.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    const other = await h.call('/api/health', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await h.call('/api/escalations', {
      method: 'OPTIONS',
      headers: { origin: 'https://chat.example.com' },
    });
    expect(preflight.status).toBe(204);
  });
});

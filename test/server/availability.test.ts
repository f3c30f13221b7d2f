/**
 * Availability through the HTTP API, on the real stack against the sandbox: GET /api/availability
 * (public, cached briefly, no agent names or counts), and escalations that carry it, store it and
 * say in the agent's note that they came in out of hours, with each out-of-hours choice (global
 * and per rule); an escalation is never held up or lost when Kustomer cannot say.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PublicAvailability } from '../../src/shared/availability.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';
import { createServices, type Services } from '../../src/server/services.js';
import { ADMIN_TOKEN, escalationBody, startHarness, type Harness } from './harness.js';

/** The fields these tests read of an escalation answer. */
interface EscalationAnswer {
  status: string;
  conversationId: string;
  availability: { followUp: string; reason: string; open: boolean };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  h.sandbox.reset();
  h.services.availability.forget();
  await h.call('/api/integrations/kustomer/settings', {
    method: 'PUT',
    admin: true,
    json: { availability: { scheduleId: null, outOfHours: 'email' }, routingRules: [] },
  });
});

async function escalate(id: string, overrides: Record<string, unknown> = {}) {
  const response = await h.call('/api/escalations', {
    method: 'POST',
    json: escalationBody(id, overrides),
  });
  return { status: response.status, body: (await response.json()) as EscalationAnswer };
}

/** The sandbox's note on the conversation of this escalation (after the answer, in the background). */
async function noteOf(conversationId: string): Promise<string> {
  await h.services.escalations.idle();
  return h.sandbox.state().notes.find((n) => n.conversationId === conversationId)?.body ?? '';
}

describe('GET /api/availability', () => {
  it('answers open with the wait, publicly, cached briefly, naming no agent', async () => {
    const response = await h.call('/api/availability');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=15');
    const body = (await response.json()) as PublicAvailability;
    expect(body).toEqual({
      open: true,
      reason: 'open',
      nextOpenAt: null,
      expectedWaitMinutes: 4,
      timeZone: 'America/New_York',
      outOfHours: 'email',
    });
  });

  it('answers closed with the next opening when the business is closed', async () => {
    h.sandbox.setAvailability({ businessClosed: true });
    h.services.availability.forget();
    const body = (await (await h.call('/api/availability')).json()) as PublicAvailability;
    expect(body).toMatchObject({ open: false, reason: 'holiday', timeZone: 'America/New_York' });
    expect(Date.parse(body.nextOpenAt!)).toBeGreaterThan(Date.now());
  });
});

describe('GET /api/integrations/kustomer/schedules', () => {
  it("lists the org's schedules, and the last list with what went wrong while Kustomer is down", async () => {
    const listed = await h.call('/api/integrations/kustomer/schedules', { admin: true });
    const schedules = [
      {
        id: '5e21e0f9520ec30019df3dcf',
        name: 'Biz Hours',
        timeZone: 'America/New_York',
        isDefault: true,
      },
    ];
    expect(await listed.json()).toEqual({ schedules });
    h.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    const during = await h.call('/api/integrations/kustomer/schedules', { admin: true });
    expect(during.status).toBe(200);
    const body = (await during.json()) as { schedules: unknown[]; error: string };
    expect(body.schedules).toEqual(schedules);
    expect(body.error).toMatch(/GET \/v1\/schedules/);
  });
});

describe('the sandbox inspector switches (embedded sandbox)', () => {
  let services: Services;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    services = await createServices(loadServerEnv({ ADMIN_TOKEN, STORE: 'memory' }), {
      store: createMemoryStore(),
      logWrite: () => {},
    });
    app = createApp(services);
  });
  afterAll(() => services.close());
  const put = (body: unknown) =>
    app(
      new Request('http://localhost/api/integrations/kustomer/sandbox/availability', {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it('takes agents offline, and the next availability says so at once', async () => {
    const before = await (await app(new Request('http://localhost/api/availability'))).json();
    expect(before).toMatchObject({ reason: 'open' });
    expect(await (await put({ agentsOnline: false })).json()).toMatchObject({
      agentsOnline: false,
    });
    const after = await (await app(new Request('http://localhost/api/availability'))).json();
    expect(after).toMatchObject({ reason: 'no_agents' });
  });

  it('refuses a value that is not a switch, naming the field', async () => {
    const response = await put({ agentsOnline: 'no' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('agentsOnline');
  });
});

describe('an escalation carries availability', () => {
  it('open: the answer has the wait, the hand-off stays in the chat, the note says nothing of hours', async () => {
    const { status, body } = await escalate('avail-open-1');
    expect(status).toBe(201);
    expect(body.availability).toMatchObject({
      open: true,
      reason: 'open',
      expectedWaitMinutes: 4,
      followUp: 'chat',
    });
    expect(await noteOf(body.conversationId)).not.toContain('out of hours');
  });

  it('closed: still lands in Kustomer, promises an email, and the note says it came out of hours', async () => {
    h.sandbox.setAvailability({ businessClosed: true });
    const { status, body } = await escalate('avail-closed-1');
    expect(status).toBe(201);
    expect(body.availability).toMatchObject({ open: false, reason: 'holiday', followUp: 'email' });
    expect(h.sandbox.state().conversations.map((c) => c.id)).toContain(body.conversationId);
    const note = await noteOf(body.conversationId);
    expect(note).toContain('Came in out of hours (holiday, reopening');
    expect(note).toContain('(America/New_York)');
    expect(note).toContain('reply by email to a***@example.com');
    // The status the chat polls says the same.
    const polled = await h.call(`/api/escalations/avail-closed-1?sessionId=chat-avail-closed-1`);
    const view = (await polled.json()) as { result: EscalationAnswer };
    expect(view.result.availability.followUp).toBe('email');
  });

  it("a rule's choice wins over the global one: hand off anyway keeps the chat", async () => {
    h.sandbox.setAvailability({ businessClosed: true });
    await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: {
        routingRules: [
          { id: 'billing', intents: ['billing'], teamId: null, outOfHours: 'handoff' },
        ],
      },
    });
    const { body } = await escalate('avail-rule-1');
    expect(body.availability.followUp).toBe('chat');
    expect(await noteOf(body.conversationId)).toContain(
      'The customer was told an agent will answer in the chat',
    );
  });

  it('with the choice left to the customer, follows it (email when they did not choose)', async () => {
    h.sandbox.setAvailability({ agentsOnline: false });
    await h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: { availability: { scheduleId: null, outOfHours: 'ask' } },
    });
    const chose = await escalate('avail-ask-1', { followUp: 'chat' });
    const silent = await escalate('avail-ask-2');
    expect(chose.body.availability).toMatchObject({ reason: 'no_agents', followUp: 'chat' });
    expect(silent.body.availability).toMatchObject({ reason: 'no_agents', followUp: 'email' });
    expect(await noteOf(silent.body.conversationId)).toContain(
      'Came in while no agent was available.',
    );
  });

  it('Kustomer down: the escalation is saved and queued, with availability said unknown', async () => {
    h.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    const { status, body } = await escalate('avail-down-1');
    expect(status).toBe(202);
    expect(body).toMatchObject({
      status: 'queued',
      availability: { reason: 'unknown', followUp: 'chat' },
    });
    const record = await h.services.store.records.get('avail-down-1');
    expect(record?.availability?.reason).toBe('unknown');
  });
});

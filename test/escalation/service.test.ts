/**
 * The escalation service over real HTTP against the sandbox, with the real Kustomer client.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.js';
import { escalationRequest, transcript } from './helpers/requests.js';
import { sequentialDepth } from '../support/request-log.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(options: Parameters<typeof createHarness>[0] = {}) {
  harness = await createHarness(options);
  return harness;
}

function byExternalId(h: Harness, externalId: string) {
  return h.sandbox.state().conversations.filter((c) => c.externalId === externalId);
}

async function createCustomer(h: Harness, email: string) {
  const response = await fetch(`${h.sandbox.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ emails: [{ email }] }),
  });
  expect(response.status).toBe(201);
}

/** Each rate-limit window delivers what fits in it; the rest resumes in the next. */
async function drainWindowByWindow(h: Harness) {
  for (let window = 0; window < 6; window++) {
    const { queued, retrying } = await h.service.outboxSummary();
    if (queued + retrying === 0) return;
    h.advance(61_000);
    await h.service.drain();
  }
  expect(await h.service.outboxSummary()).toMatchObject({ queued: 0, retrying: 0, dead: 0 });
}

/**
 * Escalates with every request held LATENCY ms, so requests sent together overlap; the trips are
 * the requests made one after another before the chat was answered (the longest chain in the
 * proxy's order of events, not a stopwatch: a busy machine adds no trip). The note and the
 * transcript that follow are waited for.
 */
const LATENCY = 300;
async function sequentialTrips(h: Harness, request: ReturnType<typeof escalationRequest>) {
  const log = h.log!;
  h.sandbox.setFaults({ latencyMs: LATENCY });
  const before = h.sandbox.state().requests;
  const from = log.events.length;
  const result = await h.service.escalate(request);
  const answered = log.events.length;
  await h.service.idle();
  h.sandbox.clearFaults();
  const after = h.sandbox.state().requests;
  const routes = Object.fromEntries(
    Object.entries(after.byRoute)
      .map(([route, n]) => [route, n - (before.byRoute[route] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
  return {
    result,
    trips: sequentialDepth(log.events.slice(from, answered)),
    total: after.total - before.total,
    routes,
  };
}

describe('escalation over HTTP', () => {
  it('answers escalated after 3 sequential round trips for a new customer, 2 for a known one, 1 for a cached one', async () => {
    const h = await setup({ service: { escalateDeadlineMs: 30_000 }, requestLog: true });
    await h.client.teams.list(); // a running server has the team list cached
    const fresh = await sequentialTrips(h, escalationRequest({ transcript: transcript(20) }));
    expect(fresh.result.status).toBe('escalated');
    expect(fresh.trips).toBe(3);
    // the 20-line transcript went as one bulk request, and nothing was sent twice
    const messageRoutes = Object.entries(fresh.routes).filter(([r]) => r.includes('messages'));
    expect(messageRoutes.reduce((n, [, c]) => n + c, 0)).toBe(1);
    expect(h.sandbox.state().messages).toHaveLength(20);

    await createCustomer(h, 'known@example.com');
    const known = await sequentialTrips(
      h,
      escalationRequest({ customer: { email: 'known@example.com' } }),
    );
    expect(known.result.status).toBe('escalated');
    expect(known.trips).toBe(2);

    const cached = await sequentialTrips(
      h,
      escalationRequest({ customer: { email: 'known@example.com' } }),
    );
    expect(cached.result.status).toBe('escalated');
    expect(cached.trips).toBe(1);

    const state = h.sandbox.state();
    expect(
      state.customers.filter((c) => c.emails.some((e) => e.email === 'known@example.com')),
    ).toHaveLength(1);
    expect(state.messages).toHaveLength(20 + 4 + 4);
    expect(state.notes).toHaveLength(3);
  });

  it('routes by rule to the right team and priority, and says why in the note', async () => {
    const h = await setup();
    const billing = (await h.client.teams.list()).find((t) => t.name === 'Billing')!;
    await h.saveSettings({
      routingRules: [
        { id: 'refunds', name: 'Refunds', intents: ['REFUND'], teamId: billing.id, priority: 4 },
      ],
    });
    const request = escalationRequest({ intent: 'refund' });
    const result = await h.service.escalate(request);
    expect(result).toMatchObject({
      status: 'escalated',
      team: { id: billing.id, name: 'Billing' },
      priority: 4,
    });
    await h.service.idle(); // the note follows the answer
    const [conversation] = byExternalId(h, request.escalationId);
    expect(conversation).toMatchObject({
      assignedTeams: [billing.id],
      priority: 4,
      status: 'open',
    });
    expect(conversation!.tags).toContain('chatbot-escalation');
    const note = h.sandbox.state().notes.find((n) => n.conversationId === conversation!.id)!;
    expect(note.body).toContain('Refunds');
    expect(note.externalId).toBe(`${request.escalationId}:note`);
  });

  it('a double click and a replay make one conversation', async () => {
    const h = await setup();
    const request = escalationRequest();
    const [a, b] = await Promise.all([h.service.escalate(request), h.service.escalate(request)]);
    const c = await h.service.escalate(request);
    expect(a.status).toBe('escalated');
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(byExternalId(h, request.escalationId)).toHaveLength(1);
  });

  it('refuses a repeated escalationId from another chat session, in flight or stored', async () => {
    const h = await setup();
    const request = escalationRequest();
    const intruder = { ...request, sessionId: 'sess-intruder' };
    const [first, concurrent] = await Promise.allSettled([
      h.service.escalate(request),
      h.service.escalate(intruder),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { status: 'escalated' } });
    expect(concurrent).toMatchObject({
      status: 'rejected',
      reason: { code: 'escalation_id_conflict' },
    });
    await expect(h.service.escalate(intruder)).rejects.toMatchObject({
      code: 'escalation_id_conflict',
    });
    expect(await h.service.status(request.escalationId, { sessionId: 'sess-intruder' })).toBeNull();
    await h.service.idle();
    expect(
      await h.service.status(request.escalationId, { sessionId: request.sessionId }),
    ).toMatchObject({ state: 'done' });
    expect(byExternalId(h, request.escalationId)).toHaveLength(1);
  });

  it('resumes after a reset that committed the conversation, without creating a second', async () => {
    const h = await setup();
    h.sandbox.setFaults({ resetAfterCommitRate: 1, match: 'POST /v1/.*conversations$' });
    const request = escalationRequest();
    expect(await h.service.escalate(request)).toMatchObject({ status: 'queued' });
    expect(byExternalId(h, request.escalationId)).toHaveLength(1); // it did land
    h.sandbox.clearFaults();
    h.advance(2_000);
    expect(await h.service.drain()).toMatchObject({ delivered: 1 });
    expect(byExternalId(h, request.escalationId)).toHaveLength(1);
    expect(
      h.sandbox.state().messages.filter((m) => m.externalId?.startsWith(request.escalationId)),
    ).toHaveLength(4);
  });

  it('a refused retry does not forget that an earlier attempt may have written', async () => {
    const h = await setup();
    // Attempt 1: the note commits, then the connection drops; whether it landed is unknown. The
    // chat was answered before (the conversation exists); the note goes back to the outbox.
    h.sandbox.setFaults({ resetAfterCommitRate: 1, match: 'POST /v1/conversations/.*/notes$' });
    const request = escalationRequest();
    expect(await h.service.escalate(request)).toMatchObject({ status: 'escalated' });
    await h.service.idle();
    expect(h.sandbox.state().notes).toHaveLength(1);
    expect(await h.service.status(request.escalationId)).toMatchObject({
      state: 'queued',
      result: { status: 'escalated' },
    });
    // The Integrations page lists it as escalated with its timeline pending.
    expect(await h.service.outboxSummary()).toMatchObject({ timelinePending: 1 });
    expect(await h.service.outbox()).toEqual([
      expect.objectContaining({ escalationId: request.escalationId, timelinePending: true }),
    ]);
    // Attempt 2 is refused outright (a 503 proves only that this attempt wrote nothing).
    h.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    h.advance(2_000);
    expect(await h.service.drain()).toMatchObject({ delivered: 0 });
    // Attempt 3 must still look before it writes.
    h.sandbox.clearFaults();
    h.advance(120_000);
    expect(await h.service.drain()).toMatchObject({ delivered: 1 });
    expect(h.sandbox.state().notes).toHaveLength(1);
    expect(byExternalId(h, request.escalationId)).toHaveLength(1);
  });

  it('a retry after a refused write spends no requests on lookups', async () => {
    const h = await setup();
    h.sandbox.setFaults({ errorRates: { '429': 1 }, match: 'POST /v1/.*conversations$' });
    const request = escalationRequest();
    expect(await h.service.escalate(request)).toMatchObject({ status: 'queued' });
    h.sandbox.clearFaults();
    h.advance(61_000);
    const before = h.sandbox.state().requests.byRoute;
    expect(await h.service.drain()).toMatchObject({ delivered: 1 });
    const after = h.sandbox.state().requests.byRoute;
    const lookups = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
    // A 429 proves nothing was written: no conversation, note or transcript lookups.
    expect(lookups('GET /v1/conversations/externalId={externalId}')).toBe(0);
    expect(lookups('GET /v1/conversations/{id}/messages')).toBe(0);
    expect(lookups('GET /v1/conversations/{id}/notes')).toBe(0);
    expect(byExternalId(h, request.escalationId)).toHaveLength(1);
  });

  it('a transcript cut off between chunks resumes without sending a line twice', async () => {
    // Six requests fit: customer, conversation, the first chunk of 100 lines and the note land;
    // the second chunk is refused unsent.
    const h = await setup({ sandbox: { orgRateLimitPerMin: 6 } });
    const request = escalationRequest({ transcript: transcript(150) });
    expect(await h.service.escalate(request)).toMatchObject({ status: 'escalated' });
    await h.service.idle();
    // The first job was accepted; its lines land when it completes.
    await vi.waitFor(() => expect(h.sandbox.state().messages).toHaveLength(100));
    await drainWindowByWindow(h);
    const ids = h.sandbox.state().messages.map((m) => m.externalId);
    expect(ids).toHaveLength(150);
    expect(new Set(ids).size).toBe(150);
  });

  it('queues at once during an outage and delivers exactly once after it', async () => {
    const h = await setup();
    h.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    const requests = [escalationRequest(), escalationRequest(), escalationRequest()];
    const results = await Promise.all(requests.map((r) => h.service.escalate(r)));
    // Queued on the first 503, not after retrying through the outage.
    expect(h.sandbox.state().requests.total).toBeLessThanOrEqual(requests.length * 2);
    for (const result of results)
      expect(result).toMatchObject({ status: 'queued', reason: 'kustomer_unavailable' });
    expect(await h.service.outboxSummary()).toMatchObject({ queued: 3, dead: 0 });
    h.sandbox.clearFaults();
    h.advance(1_500);
    expect(await h.service.drain()).toMatchObject({ delivered: 3 });
    expect(await h.service.drain()).toMatchObject({ attempted: 0 });
    for (const r of requests) expect(byExternalId(h, r.escalationId)).toHaveLength(1);
    expect(h.sandbox.state().notes).toHaveLength(3);
  });

  it('queues through a 429 storm for the advertised reset, without hammering, then delivers once', async () => {
    const h = await setup({ sandbox: { orgRateLimitPerMin: 20 } });
    // Other clients of the org spend the whole budget for this window.
    let resetAt = 0;
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${h.sandbox.url}/v1/teams`, {
        headers: { authorization: `Bearer ${h.sandbox.apiKey}` },
      });
      expect(response.status).toBe(200);
      resetAt = Number(response.headers.get('x-ratelimit-reset')) * 1000;
    }
    const requests = Array.from({ length: 4 }, () => escalationRequest());
    const results = [await h.service.escalate(requests[0]!)];
    const sentByFirst = h.sandbox.state().requests.total;
    for (const r of requests.slice(1)) results.push(await h.service.escalate(r));
    for (const result of results) {
      expect(result).toMatchObject({ status: 'queued', reason: 'rate_limited' });
      expect(Date.parse((result as { retryAt: string }).retryAt)).toBeGreaterThanOrEqual(resetAt);
    }
    // The first escalation's 429 taught the client the reset; the others did not send at all.
    expect(h.sandbox.state().requests.rateLimited).toBeGreaterThan(0);
    expect(h.sandbox.state().requests.total).toBe(sentByFirst);
    expect(h.sandbox.state().conversations).toHaveLength(0);

    const rateLimited = h.sandbox.state().requests.rateLimited;
    h.advance(resetAt - h.now());
    await drainWindowByWindow(h);
    for (const r of requests) expect(byExternalId(h, r.escalationId)).toHaveLength(1);
    expect(h.sandbox.state().notes).toHaveLength(4);
    expect(h.sandbox.state().requests.rateLimited).toBe(rateLimited);
  });

  it('spends the org budget without earning a 429, queueing what does not fit', async () => {
    const h = await setup({ sandbox: { orgRateLimitPerMin: 6 } });
    await h.client.teams.list();
    const requests = Array.from({ length: 4 }, () => escalationRequest());
    const results = [];
    for (const r of requests) results.push(await h.service.escalate(r));
    await h.service.idle();
    expect(results.filter((r) => r.status === 'escalated').length).toBeGreaterThan(0);
    expect(results.some((r) => r.status === 'queued' && r.reason === 'rate_limited')).toBe(true);
    expect(h.sandbox.state().requests.rateLimited).toBe(0);
    await drainWindowByWindow(h);
    for (const r of requests) expect(byExternalId(h, r.escalationId)).toHaveLength(1);
    expect(h.sandbox.state().requests.rateLimited).toBe(0);
  });

  it('a validation error is dead, visible in the outbox, and replayable once fixed', async () => {
    const h = await setup();
    h.sandbox.setFaults({ errorRates: { '400': 1 }, match: 'POST /v1/.*conversations$' });
    const request = escalationRequest({ customer: { email: 'val@example.com' } });
    expect(await h.service.escalate(request)).toMatchObject({
      status: 'queued',
      reason: 'needs_attention',
    });
    expect(await h.service.outbox()).toEqual([
      expect.objectContaining({
        escalationId: request.escalationId,
        state: 'dead',
        customer: 'v***@example.com',
        lastError: expect.objectContaining({ code: 'validation' }),
      }),
    ]);
    h.sandbox.clearFaults();
    expect(await h.service.retryNow(request.escalationId)).toMatchObject({ status: 'escalated' });
    expect(byExternalId(h, request.escalationId)).toHaveLength(1);
  });

  it('deletes finished escalations past the retention limit, keeping dead and recent ones', async () => {
    const DAY = 86_400_000;
    const h = await setup({ service: { retentionMs: 30 * DAY } });
    const old = escalationRequest();
    expect(await h.service.escalate(old)).toMatchObject({ status: 'escalated' });
    await h.service.idle();
    h.sandbox.setFaults({ errorRates: { '400': 1 }, match: 'POST /v1/.*conversations$' });
    const rejected = escalationRequest();
    expect(await h.service.escalate(rejected)).toMatchObject({ reason: 'needs_attention' });
    h.sandbox.clearFaults();
    h.advance(20 * DAY);
    const recent = escalationRequest();
    await h.service.escalate(recent);
    await h.service.idle();
    h.advance(11 * DAY);
    expect(await h.service.drain()).toMatchObject({ purged: 1 });
    expect(await h.service.status(old.escalationId)).toBeNull();
    expect(await h.service.status(recent.escalationId)).toMatchObject({ state: 'done' });
    expect(await h.service.status(rejected.escalationId)).toMatchObject({ state: 'dead' });
    // Kustomer keeps its copy: only the module's store forgets.
    expect(byExternalId(h, old.escalationId)).toHaveLength(1);
  });

  it('keeps finished escalations forever when retention is 0', async () => {
    const h = await setup({ service: { retentionMs: 0 } });
    const request = escalationRequest();
    await h.service.escalate(request);
    h.advance(3_650 * 86_400_000);
    expect(await h.service.drain()).toMatchObject({ purged: 0 });
    expect(await h.service.status(request.escalationId)).toMatchObject({ state: 'done' });
  });

  it('refuses while disabled without calling Kustomer, and keeps the request', async () => {
    const h = await setup();
    await h.saveSettings({ enabled: false });
    const request = escalationRequest();
    const before = h.sandbox.state().requests.total;
    expect(await h.service.escalate(request)).toMatchObject({ status: 'refused' });
    expect(h.sandbox.state().requests.total).toBe(before);
    expect(await h.service.status(request.escalationId)).toMatchObject({ state: 'refused' });
  });

  it('records agent replies and the close from the conversation, ignoring duplicates and stale events', async () => {
    const h = await setup();
    const request = escalationRequest();
    const result = await h.service.escalate(request);
    if (result.status !== 'escalated') throw new Error('not escalated');
    const message = await h.sandbox.agentReply(result.conversationId, 'Hi, I am Sam from billing');
    const event = {
      eventId: `evt-${message.id}`,
      conversationId: result.conversationId,
      messageId: message.id,
      text: 'Hi, I am Sam from billing',
      at: message.createdAt,
      author: 'Sam',
    };
    expect(await h.service.recordAgentReply(event)).toBe('applied');
    expect(await h.service.recordAgentReply(event)).toBe('duplicate');
    expect(await h.service.recordAgentReply({ ...event, conversationId: 'f'.repeat(24) })).toBe(
      'unknown',
    );
    const closedAt = new Date(Date.now() + 1000).toISOString();
    expect(
      await h.service.recordConversationUpdate({
        eventId: 'u2',
        conversationId: result.conversationId,
        status: 'done',
        at: closedAt,
      }),
    ).toBe('applied');
    expect(
      await h.service.recordConversationUpdate({
        eventId: 'u1',
        conversationId: result.conversationId,
        status: 'open',
        at: message.createdAt,
      }),
    ).toBe('stale');
    expect(await h.service.status(request.escalationId)).toMatchObject({
      closed: true,
      closedAt,
      replies: [expect.objectContaining({ id: message.id })],
    });
  });
});

/**
 * Kustomer's limits in the sandbox: x-ratelimit-* on every counted answer (reset as epoch seconds
 * or seconds to go), 429 past the org's per-minute budget, the per-customer create limit with
 * importedAt exempting conversations and messages (not notes), and 413 past 100 KB.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation, type KustomerErrorBody } from './support/http.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
let now = T0;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    now: () => now,
    orgRateLimitPerMin: 4,
    perCustomerCreateLimitPerMin: 2,
  });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  now = T0 + 10_000;
});

const budget = (headers: Headers) => ({
  limit: headers.get('x-ratelimit-limit'),
  remaining: headers.get('x-ratelimit-remaining'),
  reset: headers.get('x-ratelimit-reset'),
});

describe('org budget', () => {
  it('sends limit, remaining and an epoch-seconds reset on every answer, errors included', async () => {
    const ok = await api(sandbox, 'GET', '/v1/teams');
    const miss = await api(sandbox, 'GET', '/v1/customers/email=none%40example.com');
    expect(miss.status).toBe(404);
    const reset = String((T0 + 60_000) / 1000);
    expect(budget(ok.headers)).toEqual({ limit: '4', remaining: '3', reset });
    expect(budget(miss.headers)).toEqual({ limit: '4', remaining: '2', reset });
  });

  it('answers 429 with remaining 0 once the minute is spent, and serves again next minute', async () => {
    for (let i = 0; i < 4; i += 1)
      expect((await api(sandbox, 'GET', '/v1/teams')).status).toBe(200);
    const limited = await api<KustomerErrorBody>(sandbox, 'GET', '/v1/teams');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0]).toMatchObject({ code: 'too_many_requests', meta: {} });
    expect(budget(limited.headers).remaining).toBe('0');
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(sandbox.state().requests.rateLimited).toBe(1);
    now = T0 + 60_000;
    const next = await api(sandbox, 'GET', '/v1/teams');
    expect(next.status).toBe(200);
    expect(budget(next.headers)).toEqual({
      limit: '4',
      remaining: '3',
      reset: String((T0 + 120_000) / 1000),
    });
  });

  it('adds Retry-After to a 429 when asked to', async () => {
    sandbox.setFaults({ retryAfterSeconds: 7 });
    for (let i = 0; i < 4; i += 1) await api(sandbox, 'GET', '/v1/teams');
    expect((await api(sandbox, 'GET', '/v1/teams')).headers.get('retry-after')).toBe('7');
  });

  it('can send the reset as seconds until the window ends', async () => {
    const delta = await startTestSandbox({ now: () => now, resetHeaderStyle: 'delta' });
    try {
      now = T0 + 42_500;
      expect((await api(delta, 'GET', '/v1/teams')).headers.get('x-ratelimit-reset')).toBe('18');
    } finally {
      await delta.close();
    }
  });

  it('does not count requests with a bad key against the org', async () => {
    for (let i = 0; i < 6; i += 1)
      await api(sandbox, 'GET', '/v1/teams', { key: 'nope-0000000000000000' });
    expect((await api(sandbox, 'GET', '/v1/teams')).headers.get('x-ratelimit-remaining')).toBe('3');
  });
});

describe('per-customer create limit', () => {
  // The org budget is not what is under test here: a sandbox with the default 1,000 a minute.
  let org: SandboxHandle;
  beforeAll(async () => {
    org = await startTestSandbox({ now: () => now, perCustomerCreateLimitPerMin: 2 });
  });
  afterAll(() => org.close());
  beforeEach(() => org.reset());

  it('limits conversations per customer per minute; importedAt is exempt', async () => {
    const { customerId } = await seedConversation(org, 'conv@example.com'); // 1 of 2
    const path = `/v1/customers/${customerId}/conversations`;
    expect((await api(org, 'POST', path, { body: { name: 'b' } })).status).toBe(201);
    const third = await api<KustomerErrorBody>(org, 'POST', path, { body: { name: 'c' } });
    expect(third.status).toBe(429);
    expect(third.body.errors[0]!.message).toMatch(/conversations per minute for this customer/);
    expect(third.headers.get('x-ratelimit-reset')).toBe(String((T0 + 60_000) / 1000));
    const imported = { name: 'd', importedAt: new Date(now).toISOString() };
    expect((await api(org, 'POST', path, { body: imported })).status).toBe(201);
    expect(org.state().conversations).toHaveLength(3);
  });

  it('limits messages per customer, exempting importedAt, and counts each customer apart', async () => {
    const a = await seedConversation(org, 'ma@example.com');
    const b = await seedConversation(org, 'mb@example.com');
    const post = (conversationId: string, extra = {}) =>
      api(org, 'POST', `/v1/conversations/${conversationId}/messages`, {
        body: { channel: 'chat', app: 'bot', preview: 'x', ...extra },
      });
    expect((await post(a.conversationId)).status).toBe(201);
    expect((await post(a.conversationId)).status).toBe(201);
    expect((await post(a.conversationId)).status).toBe(429);
    expect((await post(a.conversationId, { importedAt: new Date(now).toISOString() })).status).toBe(
      201,
    );
    expect((await post(b.conversationId)).status).toBe(201);
  });

  it('limits notes even with importedAt (no exemption is documented)', async () => {
    const { conversationId } = await seedConversation(org, 'notes@example.com');
    const path = `/v1/conversations/${conversationId}/notes`;
    const body = { body: 'x', importedAt: new Date(now).toISOString() };
    expect((await api(org, 'POST', path, { body })).status).toBe(201);
    expect((await api(org, 'POST', path, { body })).status).toBe(201);
    expect((await api(org, 'POST', path, { body })).status).toBe(429);
  });
});

describe('body size', () => {
  it('answers 413 past 100 KB and accepts a body just under it', async () => {
    const { conversationId } = await seedConversation(sandbox, 'size@example.com');
    const item = (n: number) => ({
      channel: 'chat',
      app: 'bot',
      preview: 'x'.repeat(n),
      conversation: conversationId,
      importedAt: '2026-01-05T09:00:00.000Z',
    });
    // A job that completes at once, so what it wrote can be counted right after.
    sandbox.setFaults({ bulk: { jobMs: 0 } });
    const under = Array.from({ length: 9 }, () => item(10_240)); // ~93 KB
    expect(Buffer.byteLength(JSON.stringify(under))).toBeLessThan(100 * 1024);
    expect((await api(sandbox, 'POST', '/v1/messages/bulk', { body: under })).status).toBe(200);
    const over = Array.from({ length: 11 }, () => item(10_240)); // ~113 KB
    const reply = await api<KustomerErrorBody>(sandbox, 'POST', '/v1/messages/bulk', {
      body: over,
    });
    expect(reply.status).toBe(413);
    expect(reply.body.errors[0]).toMatchObject({ code: 'payload_too_large', message: /100 KB/ });
    expect(sandbox.state().messages).toHaveLength(9);
  });
});

/**
 * What the health panel reads: per-endpoint counts (by route template), errors by class, 429s,
 * the last x-ratelimit-* Kustomer sent, and p50/p95 latency. Latency is made exact by a server
 * that moves the injected clock while it "works".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { percentile } from '../../src/kustomer/metrics.js';
import type { UpdateConversationInput } from '../../src/kustomer/types.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import {
  buildClient,
  createFakeTime,
  startRawServer,
  T0,
  type FakeTime,
} from './support/client.js';

let sandbox: SandboxHandle;
let time: FakeTime;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => time.now(), orgRateLimitPerMin: 50 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  time = createFakeTime(T0);
});

describe('counts', () => {
  it('counts calls per endpoint by route template; a 404 lookup is an answer, not an error', async () => {
    const client = buildClient(sandbox, time);
    const customer = await client.customers.create({ email: 'm@example.com' });
    await client.customers.getByEmail('nobody@example.com');
    await client.customers.getByEmail('nobody2@example.com');
    await client.customers.get(customer.id);
    const snapshot = client.metrics();
    expect(snapshot).toMatchObject({ requests: 3, errors: 0, successRate: 1, errorsByCode: {} });
    const counts = Object.fromEntries(snapshot.endpoints.map((e) => [e.endpoint, e.count]));
    expect(counts).toEqual({
      'POST /v1/customers': 1,
      'GET /v1/customers/email={email}': 2,
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/@example\.com|[0-9a-f]{24}/);
  });

  it('counts every attempt, so a retried call shows its failure too', async () => {
    const client = buildClient(sandbox, time, {
      sleep: async (ms) => void (await time.sleep(ms), sandbox.clearFaults()),
    });
    sandbox.setFaults({ errorRates: { '503': 1 } });
    await client.teams.list();
    const [teams] = client.metrics().endpoints;
    expect(teams).toMatchObject({ endpoint: 'GET /v1/teams', count: 2, errors: 1 });
    expect(client.metrics().errorsByCode).toEqual({ unavailable: 1 });
  });
});

describe('errors by class', () => {
  it('groups failures by the error class the caller saw', async () => {
    const client = buildClient(sandbox, time, { maxRetries: 0, maxRateLimitWaitMs: 0 });
    const fail = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
    const customer = await client.customers.create({ email: 'e@example.com' });
    const conversation = await client.conversations.create({ customerId: customer.id, name: 'x' });
    const codes = [
      await fail(client.customers.create({ email: 'e@example.com' })), // duplicate: 400
      await fail(client.conversations.update(conversation.id, { x: 1 } as UpdateConversationInput)),
    ];
    for (const [faults, call] of [
      [{ errorRates: { '500': 1 } }, () => client.customers.create({ email: 'f@example.com' })],
      [{ errorRates: { '403': 1 } }, () => client.teams.list({ fresh: true })],
      [{ errorRates: { '409': 1 } }, () => client.customers.update(customer.id, { name: 'y' })],
      [{ resetAfterCommitRate: 1 }, () => client.customers.create({ email: 'g@example.com' })],
      [{ errorRates: { '429': 1 } }, () => client.customers.getByPhone('+15550000001')],
    ] as const) {
      sandbox.setFaults(faults);
      codes.push(await fail(call()));
      sandbox.clearFaults();
    }
    const expected = ['validation', 'validation', 'unavailable', 'permission', 'conflict'];
    expect(codes).toEqual([...expected, 'network', 'rate_limit']);
    expect(client.metrics()).toMatchObject({
      requests: 9,
      errors: 7,
      rateLimited: 1,
      errorsByCode: {
        validation: 2,
        unavailable: 1,
        permission: 1,
        conflict: 1,
        rate_limit: 1,
        network: 1,
      },
    });
  });
});

describe('rate limit', () => {
  it('keeps the last x-ratelimit-* values and counts 429s', async () => {
    const client = buildClient(sandbox, time, {
      sleep: async (ms) => void (await time.sleep(ms), sandbox.clearFaults()),
    });
    for (let i = 0; i < 3; i += 1) await client.customers.getByEmail(`r${i}@example.com`);
    expect(client.metrics().rateLimit).toEqual({
      limit: 50,
      remaining: 47,
      resetAt: new Date(T0 + 60_000).toISOString(),
    });
    time.set(T0 + 55_000);
    sandbox.setFaults({ errorRates: { '429': 1 } });
    await client.customers.getByEmail('r3@example.com'); // 429, then retried after the reset
    expect(client.metrics()).toMatchObject({
      rateLimited: 1,
      rateLimit: { limit: 50, remaining: 49, resetAt: new Date(T0 + 120_000).toISOString() },
    });
  });
});

describe('latency', () => {
  it('reports p50 and p95 per endpoint and overall', async () => {
    const latencies = Array.from({ length: 20 }, (_, i) => (i + 1) * 10).reverse();
    const server = await startRawServer((req, res) => {
      time.advance(req.url?.startsWith('/v1/teams') ? 1000 : latencies.shift()!);
      res.writeHead(200, { 'content-type': 'application/json' });
      const resource = { type: 'team', id: 'x', attributes: { name: 'Support' } };
      res.end(
        JSON.stringify(
          req.url?.startsWith('/v1/teams') ? { data: [resource] } : { data: resource },
        ),
      );
    });
    try {
      const client = buildClient({ url: server.url, apiKey: 'k'.repeat(24) }, time);
      for (let i = 0; i < 20; i += 1) await client.customers.get(`5f00000000000000000000${i + 10}`);
      await client.teams.list();
      const snapshot = client.metrics();
      const byId = snapshot.endpoints.find((e) => e.endpoint === 'GET /v1/customers/{id}');
      expect(byId).toMatchObject({ count: 20, p50Ms: 100, p95Ms: 190 });
      const teams = snapshot.endpoints.find((e) => e.endpoint === 'GET /v1/teams');
      expect(teams).toMatchObject({ count: 1, p50Ms: 1000, p95Ms: 1000 });
      // 21 samples: the 11th smallest and the 20th smallest.
      expect(snapshot).toMatchObject({ p50Ms: 110, p95Ms: 200 });
    } finally {
      await server.close();
    }
  });

  it('uses the nearest-rank percentile', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});

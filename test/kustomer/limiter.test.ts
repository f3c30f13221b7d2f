/**
 * The limiter paces requests to the org's budget and to what Kustomer's x-ratelimit-* headers
 * say, so a burst waits for the window to reset instead of earning 429s. The sandbox shares the
 * fake clock, and the limiter's timers are fake: the waits are recorded, not slept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime, T0, type FakeTime } from './support/client.js';

const ORG_BUDGET = 5;
let sandbox: SandboxHandle;
let time: FakeTime;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    now: () => time.now(),
    orgRateLimitPerMin: ORG_BUDGET,
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const emailLookups = () => sandbox.state().requests.byRoute['GET /v1/customers/email={email}'];
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Spends part of the org budget as another client of the same org would. */
async function otherClientSpends(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${sandbox.url}/v1/teams`, {
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    });
    expect(response.status).toBe(200);
  }
}

describe('pacing', () => {
  it('holds a burst to the org budget per minute: it waits, with zero 429s', async () => {
    time = createFakeTime(T0, false);
    const client = buildClient(sandbox, time, {
      rateLimitPerMin: ORG_BUDGET,
      maxRateLimitWaitMs: 300_000, // this caller would rather wait than be told to queue
    });
    let settled = 0;
    const burst = Array.from({ length: 12 }, (_, i) =>
      client.customers.getByEmail(`burst-${i}@example.com`).finally(() => (settled += 1)),
    );
    // Move the clock only once the released requests have landed, as real time would.
    for (const landed of [5, 10]) {
      while (settled < landed) await turn();
      await turn();
      expect(settled).toBe(landed);
      expect(time.fireNext()).toBe(true);
    }
    expect(await Promise.all(burst)).toEqual(Array(12).fill(null));
    expect(sandbox.state().requests).toMatchObject({ total: 12, rateLimited: 0 });
    // 5 at once, 5 a minute later, 2 a minute after that.
    expect(time.waits).toEqual([60_000, 60_000]);
    expect(time.now()).toBe(T0 + 120_000);
    expect(time.sleeps).toEqual([]);
  });

  it('waits for the reset when Kustomer says another client spent the budget', async () => {
    time = createFakeTime(T0 + 180_000 + 50_000); // 10 s before the sandbox window resets
    await otherClientSpends(ORG_BUDGET - 1);
    const client = buildClient(sandbox, time); // believes the org has 1,000 a minute
    await client.customers.getByEmail('first@example.com'); // learns: 0 remaining, reset in 10 s
    expect(client.metrics().rateLimit.remaining).toBe(0);
    const burst = Array.from({ length: ORG_BUDGET }, (_, i) =>
      client.customers.getByEmail(`after-${i}@example.com`),
    );
    await Promise.all(burst);
    expect(time.waits).toEqual([10_000]);
    expect(sandbox.state().requests.rateLimited).toBe(0);
    expect(emailLookups()).toBe(1 + ORG_BUDGET);
  });

  it('lets requests straight through while the budget lasts', async () => {
    time = createFakeTime(T0 + 300_000);
    const client = buildClient(sandbox, time, { rateLimitPerMin: ORG_BUDGET });
    await Promise.all([1, 2, 3].map((i) => client.customers.getByEmail(`ok-${i}@example.com`)));
    expect(time.waits).toEqual([]);
    expect(emailLookups()).toBe(3);
  });
});

describe('lanes', () => {
  it('sends a waiting escalation ahead of background work queued before it', async () => {
    time = createFakeTime(T0, false);
    const client = buildClient(sandbox, time, {
      rateLimitPerMin: 1,
      maxRateLimitWaitMs: 300_000,
    });
    await client.customers.getByEmail('spends-the-minute@example.com');
    const background = client.teams.list(); // the background lane by default
    await turn();
    const escalation = client.customers.getByEmail('urgent@example.com', { lane: 'escalation' });
    while (time.pendingTimers() === 0) await turn();
    await turn();

    expect(time.fireNext()).toBe(true); // one minute later: room for one request
    await escalation;
    const byRoute = sandbox.state().requests.byRoute;
    expect(byRoute['GET /v1/customers/email={email}']).toBe(2);
    expect(byRoute['GET /v1/teams']).toBeUndefined();

    while (!time.fireNext()) await turn(); // another minute: the background request
    await background;
    expect(sandbox.state().requests.byRoute['GET /v1/teams']).toBe(1);
    expect(time.waits).toEqual([60_000, 60_000]);
  });
});

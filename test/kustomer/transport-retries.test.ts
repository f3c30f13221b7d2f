/**
 * Retries over real HTTP against the sandbox, with injected sleep and random so the exact delays
 * between attempts are asserted (cockatiel/Octokit style) and nothing is waited for. Faults are
 * lifted from inside the injected sleep, i.e. exactly between two attempts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  isRateLimitError,
  isUnavailableError,
  KustomerNetworkError,
  KustomerRateLimitError,
  KustomerUnavailableError,
} from '../../src/kustomer/errors.js';
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
  time = createFakeTime();
  sandbox = await startTestSandbox({ now: () => time.now() });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

/** A client whose injected sleep lifts the sandbox's faults after `healAfter` waits. */
function clientHealingAfter(healAfter: number, extra: Parameters<typeof buildClient>[2] = {}) {
  time = createFakeTime(T0);
  return buildClient(sandbox, time, {
    sleep: async (ms) => {
      await time.sleep(ms);
      if (time.sleeps.length === healAfter) sandbox.clearFaults();
    },
    ...extra,
  });
}

const count = (route: string) => sandbox.state().requests.byRoute[route] ?? 0;

describe('5xx and network errors', () => {
  it('retries a GET after 500s with exponential backoff and jitter, then succeeds', async () => {
    const jitter = [0.1, 0.9];
    const client = clientHealingAfter(2, { random: () => jitter.shift() ?? 0 });
    sandbox.setFaults({ errorRates: { '500': 1 } });
    expect(await client.customers.getByEmail('nobody@example.com')).toBeNull();
    // Full jitter: floor(r * 250 * 2^(attempt-1)).
    expect(time.sleeps).toEqual([25, 450]);
    expect(count('GET /v1/customers/email={email}')).toBe(3);
  });

  it('gives up after maxRetries with the backoff doubling each time', async () => {
    const client = clientHealingAfter(99, { maxRetries: 3 });
    sandbox.setFaults({ errorRates: { '500': 1 } });
    const error = await client.customers.getByEmail('x@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KustomerUnavailableError);
    expect((error as Error).message).toMatch(/GET \/v1\/customers\/email=\{email\} failed: 500/);
    expect((error as Error).message).toMatch(/gave up after 4 attempts/);
    expect(time.sleeps).toEqual([125, 250, 500]);
    expect(count('GET /v1/customers/email={email}')).toBe(4);
  });

  it('never retries a POST after a 500, where the write may have happened', async () => {
    const client = clientHealingAfter(99);
    sandbox.setFaults({ errorRates: { '500': 1 }, match: '^POST /v1/customers$' });
    const error = await client.customers.create({ email: 'p@example.com' }).catch((e) => e);
    expect(isUnavailableError(error)).toBe(true);
    expect(time.sleeps).toEqual([]);
    expect(count('POST /v1/customers')).toBe(1);
  });

  it('retries a POST after a 503: Kustomer did not process it', async () => {
    const client = clientHealingAfter(1);
    sandbox.setFaults({ errorRates: { '503': 1 }, match: '^POST /v1/customers$' });
    const created = await client.customers.create({ email: 'q@example.com' });
    expect(time.sleeps).toEqual([125]);
    expect(sandbox.state().customers.map((c) => c.id)).toEqual([created.id]);
  });

  it('retries a PUT whose connection was reset after the write: a merge is safe to repeat', async () => {
    const client = clientHealingAfter(1);
    const customer = await client.customers.create({ email: 'r@example.com', name: 'Before' });
    sandbox.setFaults({ resetAfterCommitRate: 1, match: '^PUT ' });
    const updated = await client.customers.update(customer.id, { name: 'After' });
    expect(updated.name).toBe('After');
    expect(time.sleeps).toEqual([125]);
    expect(count('PUT /v1/customers/{id}')).toBe(2);
  });

  it('does not repeat a POST whose connection was reset: the caller must look it up', async () => {
    const client = clientHealingAfter(99);
    sandbox.setFaults({ resetAfterCommitRate: 1, match: '^POST /v1/customers$' });
    const error = await client.customers.create({ email: 's@example.com' }).catch((e) => e);
    expect(error).toBeInstanceOf(KustomerNetworkError);
    expect(time.sleeps).toEqual([]);
    // The write committed before the reset: exactly one customer, found by the lookup.
    sandbox.clearFaults();
    expect(sandbox.state().customers).toHaveLength(1);
    expect((await client.customers.getByEmail('s@example.com'))?.emails).toEqual(['s@example.com']);
  });

  it('retries a GET when the connection is refused, then reports the network failure', async () => {
    const gone = await startRawServer(() => {});
    await gone.close();
    time = createFakeTime();
    const client = buildClient({ url: gone.url, apiKey: 'k'.repeat(24) }, time, { maxRetries: 2 });
    const error = await client.customers.get('5f0000000000000000000aaa').catch((e) => e);
    expect(isUnavailableError(error)).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(KustomerNetworkError);
    expect(time.sleeps).toEqual([125, 250]);
  });
});

describe('429', () => {
  it('waits until an epoch-style x-ratelimit-reset, plus jitter, then succeeds', async () => {
    const client = clientHealingAfter(1);
    time.set(T0 + 50_000); // the sandbox window ends at T0 + 60 s
    sandbox.setFaults({ errorRates: { '429': 1 } });
    expect(await client.customers.getByEmail('t@example.com')).toBeNull();
    expect(time.sleeps).toEqual([10_000 + 125]);
  });

  it('reads a seconds-style x-ratelimit-reset as a delay', async () => {
    const delta = await startTestSandbox({ now: () => time.now(), resetHeaderStyle: 'delta' });
    try {
      time = createFakeTime(T0 + 48_000);
      const client = buildClient(delta, time, {
        sleep: async (ms) => void (await time.sleep(ms), delta.clearFaults()),
      });
      delta.setFaults({ errorRates: { '429': 1 } });
      expect(await client.customers.getByEmail('u@example.com')).toBeNull();
      expect(time.sleeps).toEqual([12_000 + 125]);
    } finally {
      await delta.close();
    }
  });

  it('prefers Retry-After over x-ratelimit-reset', async () => {
    const client = clientHealingAfter(1);
    time.set(T0 + 10_000); // reset would be 50 s away
    sandbox.setFaults({ errorRates: { '429': 1 }, retryAfterSeconds: 3 });
    expect(await client.customers.getByEmail('v@example.com')).toBeNull();
    expect(time.sleeps).toEqual([3000 + 125]);
  });

  it('retries a POST after a 429 and creates the customer once', async () => {
    const client = clientHealingAfter(1);
    time.set(T0 + 58_000);
    sandbox.setFaults({ errorRates: { '429': 1 }, match: '^POST ' });
    await client.customers.create({ email: 'w@example.com' });
    expect(time.sleeps).toEqual([2000 + 125]);
    expect(sandbox.state().customers).toHaveLength(1);
  });

  it('fails fast with RateLimitError when the 429 asks for longer than maxRateLimitWaitMs', async () => {
    const client = clientHealingAfter(99, { maxRateLimitWaitMs: 15_000 });
    time.set(T0 + 1000); // 59 s to the reset
    sandbox.setFaults({ errorRates: { '429': 1 } });
    const error = await client.customers.getByEmail('x@example.com').catch((e) => e);
    expect(error).toBeInstanceOf(KustomerRateLimitError);
    expect((error as KustomerRateLimitError).retryAfterMs).toBe(59_000);
    expect(time.sleeps).toEqual([]);
    expect(count('GET /v1/customers/email={email}')).toBe(1);
  });

  it('stays a RateLimitError when a later 429 asks for too long, after a short wait', async () => {
    const client = clientHealingAfter(99, { maxRateLimitWaitMs: 15_000 });
    time.set(T0 + 55_000); // first wait 5 s, then a fresh window asks for ~60 s
    sandbox.setFaults({ errorRates: { '429': 1 } });
    const error = await client.customers.getByEmail('y@example.com').catch((e) => e);
    expect(time.sleeps).toEqual([5000 + 125]);
    expect(isRateLimitError(error)).toBe(true);
    expect((error as KustomerRateLimitError).retryAfterMs).toBe(60_000 - 125);
  });
});

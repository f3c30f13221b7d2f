/**
 * The client's customer and team cache: found once, answered without a request under every
 * identity; bounded by customers; expiring on the injected clock; replaced on update; and
 * serving stale entries only while Kustomer is failing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAuthError, isUnavailableError } from '../../src/kustomer/errors.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime, type FakeTime } from './support/client.js';

const TTL = 60_000;
let sandbox: SandboxHandle;
let time: FakeTime;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  time = createFakeTime();
});

const cachedClient = (maxCustomers = 100) =>
  buildClient(sandbox, time, { cache: { customerTtlMs: TTL, teamTtlMs: TTL, maxCustomers } });
const requests = () => sandbox.state().requests.total;

async function seed(email: string, externalId?: string) {
  const writer = buildClient(sandbox, createFakeTime());
  return writer.customers.create({ email, ...(externalId ? { externalId } : {}) });
}

describe('customers', () => {
  it('answers by email, id, externalId and phone after one lookup', async () => {
    const seeded = await seed('cache@example.com', 'ext-cache');
    const client = cachedClient();
    await client.customers.getByEmail('cache@example.com');
    const before = requests();
    expect((await client.customers.get(seeded.id))?.id).toBe(seeded.id);
    expect((await client.customers.getByExternalId('ext-cache'))?.id).toBe(seeded.id);
    expect((await client.customers.getByEmail('CACHE@example.com'))?.id).toBe(seeded.id);
    expect(client.customers.cached({ externalId: 'ext-cache' })?.id).toBe(seeded.id);
    expect(requests()).toBe(before);
  });

  it('does not cache a miss: a customer created elsewhere is found next time', async () => {
    const client = cachedClient();
    expect(await client.customers.getByEmail('later@example.com')).toBeNull();
    const seeded = await seed('later@example.com');
    expect((await client.customers.getByEmail('later@example.com'))?.id).toBe(seeded.id);
  });

  it('expires entries after the TTL on the injected clock', async () => {
    await seed('ttl@example.com');
    const client = cachedClient();
    await client.customers.getByEmail('ttl@example.com');
    time.advance(TTL - 1);
    const before = requests();
    await client.customers.getByEmail('ttl@example.com');
    expect(requests()).toBe(before);
    time.advance(2);
    await client.customers.getByEmail('ttl@example.com');
    expect(requests()).toBe(before + 1);
  });

  it('holds at most maxCustomers customers, evicting the least recently used', async () => {
    for (const name of ['a', 'b', 'c']) await seed(`${name}@example.com`, `ext-${name}`);
    const client = cachedClient(2);
    await client.customers.getByEmail('a@example.com');
    await client.customers.getByEmail('b@example.com');
    await client.customers.getByEmail('a@example.com'); // a is now the most recent
    await client.customers.getByEmail('c@example.com'); // evicts b
    const before = requests();
    await client.customers.getByExternalId('ext-a');
    await client.customers.getByEmail('c@example.com');
    expect(requests()).toBe(before);
    await client.customers.getByEmail('b@example.com');
    expect(requests()).toBe(before + 1);
  });

  it('replaces the customer on update: the old email is no longer served from the cache', async () => {
    const seeded = await seed('old@example.com');
    const client = cachedClient();
    await client.customers.getByEmail('old@example.com');
    await client.customers.update(seeded.id, { email: 'new@example.com', name: 'Renamed' });
    const before = requests();
    expect(await client.customers.getByEmail('new@example.com')).toMatchObject({
      id: seeded.id,
      name: 'Renamed',
    });
    expect(requests()).toBe(before);
    expect(await client.customers.getByEmail('old@example.com')).toBeNull();
    expect(requests()).toBe(before + 1);
  });
});

describe('stale while Kustomer fails', () => {
  it('serves an expired customer during an outage, after retrying', async () => {
    const seeded = await seed('stale@example.com');
    const client = cachedClient();
    await client.customers.getByEmail('stale@example.com');
    sandbox.setFaults({ outageUntil: Date.now() + 600_000 });
    time.advance(TTL * 10);
    const before = requests();
    expect((await client.customers.getByEmail('stale@example.com'))?.id).toBe(seeded.id);
    expect(requests()).toBe(before + 4); // it did try Kustomer first
    expect(time.sleeps).toEqual([125, 250, 500]);
  });

  it('still fails for a customer never seen', async () => {
    const client = cachedClient();
    sandbox.setFaults({ outageUntil: Date.now() + 600_000 });
    const error = await client.customers.getByEmail('unseen@example.com').catch((e) => e);
    expect(isUnavailableError(error)).toBe(true);
  });

  it('does not hide a failure that waiting will not fix', async () => {
    await seed('revoked@example.com');
    const client = cachedClient();
    await client.customers.getByEmail('revoked@example.com');
    time.advance(TTL + 1);
    sandbox.setFaults({ errorRates: { '401': 1 } });
    const error = await client.customers.getByEmail('revoked@example.com').catch((e) => e);
    expect(isAuthError(error)).toBe(true);
  });

  it('serves the expired team list during an outage', async () => {
    const client = cachedClient();
    const teams = await client.teams.list();
    sandbox.setFaults({ outageUntil: Date.now() + 600_000 });
    time.advance(TTL + 1);
    const before = requests();
    expect(await client.teams.list()).toEqual(teams);
    expect(requests()).toBeGreaterThan(before);
  });
});

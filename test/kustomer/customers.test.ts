/**
 * Customers over real HTTP: lookups by id, email, externalId and phone (404 means "no match"),
 * create, merging update, and findOrCreate surviving two escalations that race to create the
 * same person.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KustomerValidationError } from '../../src/kustomer/errors.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime } from './support/client.js';

let sandbox: SandboxHandle;
const newClient = () => buildClient(sandbox, createFakeTime());

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

describe('lookups', () => {
  it('finds one customer by id, email, externalId and phone', async () => {
    const writer = newClient();
    const created = await writer.customers.create({
      name: 'Jane Doe',
      email: 'jane+vip@example.com',
      externalId: 'crm-10427',
      phone: '+15555550123',
    });
    // A fresh client each time, so every answer comes from Kustomer, not a cache.
    const found = await Promise.all([
      newClient().customers.get(created.id),
      newClient().customers.getByEmail('jane+vip@example.com'),
      newClient().customers.getByExternalId('crm-10427'),
      newClient().customers.getByPhone('+15555550123'),
    ]);
    for (const customer of found) expect(customer?.id).toBe(created.id);
    expect(found[0]).toMatchObject({
      name: 'Jane Doe',
      emails: ['jane+vip@example.com'],
      phones: ['+15555550123'],
      externalId: 'crm-10427',
    });
    expect(sandbox.state().requests.byRoute).toMatchObject({
      'GET /v1/customers/{id}': 1,
      'GET /v1/customers/email={email}': 1,
      'GET /v1/customers/externalId={externalId}': 1,
      'GET /v1/customers/phone={phone}': 1,
    });
  });

  it('encodes characters that mean something in a URL path', async () => {
    const email = "o'hara+eu/sales#1?x=y@example.com";
    const created = await newClient().customers.create({ email, externalId: 'a/b#c d' });
    expect((await newClient().customers.getByEmail(email))?.id).toBe(created.id);
    expect((await newClient().customers.getByExternalId('a/b#c d'))?.id).toBe(created.id);
  });

  it('answers null for no match (Kustomer says 404), and does not count it as an error', async () => {
    const client = newClient();
    expect(await client.customers.getByEmail('ghost@example.com')).toBeNull();
    expect(await client.customers.getByExternalId('ghost')).toBeNull();
    expect(await client.customers.getByPhone('+15550000000')).toBeNull();
    expect(await client.customers.get('5f00000000000000000000ff')).toBeNull();
    expect(client.metrics()).toMatchObject({ requests: 4, errors: 0 });
  });
});

describe('create and update', () => {
  it('creates with emails, phones, externalId, tags and custom attributes', async () => {
    const customer = await newClient().customers.create({
      name: 'Ana',
      email: 'ana@example.com',
      phone: '+34600000000',
      externalId: 'bot-user-1',
      tags: ['chatbot'],
      custom: { loyaltyTierStr: 'gold' },
    });
    const [stored] = sandbox.state().customers;
    expect(stored).toMatchObject({
      id: customer.id,
      name: 'Ana',
      emails: [{ email: 'ana@example.com' }],
      phones: [{ phone: '+34600000000', type: 'mobile' }],
      externalId: 'bot-user-1',
      tags: ['chatbot'],
      custom: { loyaltyTierStr: 'gold' },
    });
  });

  it('merges an update: fields not sent are kept, custom attributes are merged', async () => {
    const client = newClient();
    const customer = await client.customers.create({
      name: 'Before',
      email: 'merge@example.com',
      phone: '+15555550999',
      custom: { loyaltyTierStr: 'gold' },
    });
    const updated = await client.customers.update(customer.id, {
      name: 'After',
      custom: { lastIntentStr: 'refund' },
    });
    expect(updated).toMatchObject({
      id: customer.id,
      name: 'After',
      emails: ['merge@example.com'],
      phones: ['+15555550999'],
      custom: { loyaltyTierStr: 'gold', lastIntentStr: 'refund' },
    });
    expect(sandbox.state().customers[0]).toMatchObject({
      name: 'After',
      custom: { loyaltyTierStr: 'gold', lastIntentStr: 'refund' },
    });
  });
});

describe('findOrCreate', () => {
  it('finds by externalId first, then email, then phone, without creating', async () => {
    const existing = await newClient().customers.create({ phone: '+15555550111' });
    const result = await newClient().customers.findOrCreate({
      externalId: 'unknown-ext',
      email: 'unknown@example.com',
      phone: '+15555550111',
    });
    expect(result).toMatchObject({ created: false, customer: { id: existing.id } });
    expect(sandbox.state().customers).toHaveLength(1);
  });

  it('creates when nobody matches, then answers from the cache', async () => {
    const client = newClient();
    const first = await client.customers.findOrCreate({ email: 'new@example.com', name: 'New' });
    const total = sandbox.state().requests.total;
    const again = await client.customers.findOrCreate({ email: 'NEW@example.com' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, customer: first.customer });
    expect(sandbox.state().requests.total).toBe(total);
  });

  // Latency makes both lookups answer 404 before either create lands: a real race every time.
  it('survives two concurrent escalations for the same email in one process', async () => {
    sandbox.setFaults({ latencyMs: 30 });
    const client = newClient();
    const [a, b] = await Promise.all([
      client.customers.findOrCreate({ email: 'race@example.com', name: 'Race' }),
      client.customers.findOrCreate({ email: 'race@example.com', name: 'Race' }),
    ]);
    expect(sandbox.state().customers).toHaveLength(1);
    expect(a.customer.id).toBe(b.customer.id);
    expect(a.customer.id).toBe(sandbox.state().customers[0]!.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('survives the race across two servers (no shared cache)', async () => {
    sandbox.setFaults({ latencyMs: 30 });
    const [a, b] = await Promise.all([
      newClient().customers.findOrCreate({ email: 'race2@example.com', externalId: 'u-2' }),
      newClient().customers.findOrCreate({ email: 'race2@example.com', externalId: 'u-2' }),
    ]);
    expect(sandbox.state().customers).toHaveLength(1);
    expect(a.customer.id).toBe(b.customer.id);
    expect(sandbox.state().requests.byRoute['POST /v1/customers']).toBe(2);
  });

  it('survives the race when Kustomer rejects the duplicate with 409', async () => {
    const strict = await startTestSandbox({ duplicateStatus: 409 });
    strict.setFaults({ latencyMs: 30 });
    try {
      const make = () => buildClient(strict, createFakeTime());
      const [a, b] = await Promise.all([
        make().customers.findOrCreate({ email: 'race3@example.com' }),
        make().customers.findOrCreate({ email: 'race3@example.com' }),
      ]);
      expect(strict.state().customers).toHaveLength(1);
      expect(strict.state().requests.byRoute['POST /v1/customers']).toBe(2);
      expect(a.customer.id).toBe(b.customer.id);
    } finally {
      await strict.close();
    }
  });

  it("a refused create that no lookup explains fails with Kustomer's own error, after looking", async () => {
    const client = newClient();
    // A 400 that is not a duplicate: the email Kustomer's schema rejects.
    const error = await client.customers
      .findOrCreate({ email: 'not an email' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KustomerValidationError);
    // Looked up first, created, then looked up again before giving up.
    expect(sandbox.state().requests.byRoute['GET /v1/customers/email={email}']).toBe(2);
    expect(sandbox.state().customers).toEqual([]);
  });
});

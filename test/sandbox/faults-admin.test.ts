/**
 * Fault injection (status rates, outages, resets after a committed write, slow answers, a match
 * filter, seeded replay) and the /__sandbox admin API (state, reset, faults, webhook target,
 * agent reply and close), all driven over HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxHandle, SandboxState } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation, type KustomerErrorBody } from './support/http.js';

let now = Date.UTC(2026, 0, 5, 9, 0, 0);
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => now });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const admin = (method: string, path: string, body?: unknown) =>
  api(sandbox, method, `/__sandbox${path}`, { key: null, ...(body === undefined ? {} : { body }) });
const putFaults = (faults: unknown) => admin('PUT', '/faults', faults);
const createCustomer = (email: string) =>
  api(sandbox, 'POST', '/v1/customers', { body: { emails: [{ email }] } });

describe('faults', () => {
  it('injects a status only where the match says, before anything is written', async () => {
    await putFaults({ errorRates: { '500': 1 }, match: '^POST /v1/customers$' });
    const failed = await createCustomer('f@example.com');
    expect(failed.status).toBe(500);
    expect((failed.body as unknown as KustomerErrorBody).errors[0]!.code).toBe('injected_fault');
    expect(sandbox.state().customers).toEqual([]);
    expect((await api(sandbox, 'GET', '/v1/teams')).status).toBe(200);
  });

  it('answers 503 to everything during an outage, and recovers when it ends', async () => {
    await putFaults({ outageUntil: now + 30_000 });
    expect((await api(sandbox, 'GET', '/v1/teams')).status).toBe(503);
    expect((await createCustomer('o@example.com')).status).toBe(503);
    now += 30_001;
    expect((await api(sandbox, 'GET', '/v1/teams')).status).toBe(200);
  });

  it('can commit a write and then drop the connection', async () => {
    await putFaults({ resetAfterCommitRate: 1 });
    await expect(createCustomer('r@example.com')).rejects.toThrow();
    expect(sandbox.state().customers.map((c) => c.emails[0]!.email)).toEqual(['r@example.com']);
    // Reads are never reset: only writes can be ambiguous.
    expect((await api(sandbox, 'GET', '/v1/teams')).status).toBe(200);
  });

  it('can hold a committed answer past the client timeout', async () => {
    await putFaults({ slowResponseRate: 1, slowResponseMs: 4000, match: '^POST ' });
    // The client gives up once the write has committed (however long a busy machine took to
    // get there), well before the held answer would come.
    const client = new AbortController();
    const slow = fetch(`${sandbox.url}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ emails: [{ email: 's@example.com' }] }),
      signal: client.signal,
    });
    let answered = false;
    void slow.then(() => (answered = true)).catch(() => undefined);
    await vi.waitFor(() => expect(sandbox.state().customers).toHaveLength(1), { timeout: 3000 });
    expect(answered).toBe(false);
    client.abort();
    await expect(slow).rejects.toThrow(/abort/i);
    expect(sandbox.state().customers).toHaveLength(1);
  });

  it('replays the same fault schedule for the same seed', async () => {
    const schedule = async (seed: number) => {
      await putFaults({ errorRates: { '500': 0.4, '429': 0.2 }, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 25; i += 1)
        statuses.push((await api(sandbox, 'GET', '/v1/teams')).status);
      return statuses;
    };
    const first = await schedule(42);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
    expect(await schedule(42)).toEqual(first);
    expect(await schedule(7)).not.toEqual(first);
  });
});

describe('admin API', () => {
  it('sets, reads and clears faults', async () => {
    const set = await putFaults({ latencyMs: 0, errorRates: { '503': 0.1 }, seed: 3 });
    expect(set.body).toEqual({ latencyMs: 0, errorRates: { '503': 0.1 }, seed: 3 });
    const state = (await admin('GET', '/state')).body as unknown as SandboxState;
    expect(state.faults).toEqual(set.body);
    expect((await admin('DELETE', '/faults')).status).toBe(200);
    expect(sandbox.state().faults).toEqual({});
    expect((await putFaults('everything')).status).toBe(400);
  });

  it('shows what landed and what was asked, and resets it all but the teams', async () => {
    await createCustomer('state@example.com');
    await api(sandbox, 'GET', '/v1/customers/email=state%40example.com');
    const state = (await admin('GET', '/state')).body as unknown as SandboxState;
    expect(state.customers.map((c) => c.emails[0]!.email)).toEqual(['state@example.com']);
    expect(state.requests).toEqual({
      total: 2,
      rateLimited: 0,
      byRoute: { 'POST /v1/customers': 1, 'GET /v1/customers/email={email}': 1 },
    });
    expect((await admin('POST', '/reset')).body).toEqual({ ok: true });
    const after = (await admin('GET', '/state')).body as unknown as SandboxState;
    expect(after.customers).toEqual([]);
    expect(after.requests.total).toBe(0);
    expect(after.teams.map((t) => t.name)).toEqual([
      'Support',
      'Billing',
      'Technical',
      'Enterprise',
    ]);
  });

  it('acts as an agent: replies and closes', async () => {
    const { conversationId, customerId } = await seedConversation(sandbox, 'agent@example.com');
    const reply = await admin('POST', `/conversations/${conversationId}/agent-reply`, {
      text: 'Hi, Sam here. Looking into it.',
    });
    expect(reply.status).toBe(201);
    expect(sandbox.state().messages).toEqual([
      expect.objectContaining({
        conversationId,
        customerId,
        direction: 'out',
        app: 'kustomer',
        preview: 'Hi, Sam here. Looking into it.',
      }),
    ]);
    expect((await admin('POST', `/conversations/${conversationId}/close`)).status).toBe(200);
    expect(sandbox.state().conversations[0]!.status).toBe('done');
  });

  it('rejects bad admin requests with a clear 4xx', async () => {
    const { conversationId } = await seedConversation(sandbox, 'bad@example.com');
    const noText = await admin('POST', `/conversations/${conversationId}/agent-reply`, {});
    expect(noText.status).toBe(400);
    expect((noText.body as unknown as KustomerErrorBody).errors[0]!.source).toEqual({
      pointer: '/text',
    });
    const unknown = '5f00000000000000000000aa';
    expect((await admin('POST', `/conversations/${unknown}/close`)).status).toBe(404);
    expect((await admin('PUT', '/webhook', { url: 42 })).status).toBe(400);
    expect((await admin('PUT', '/webhook', null)).status).toBe(200);
    expect((await admin('GET', '/nothing-here')).status).toBe(404);
  });
});

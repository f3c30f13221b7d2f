/**
 * Bad input is the caller's mistake: a 4xx naming what is wrong, nothing written, nothing sent
 * to Kustomer, and no error-level log line (those are for our own faults).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const TEST_ESCALATION = '/api/integrations/kustomer/test-escalation';

function errorLines(): string[] {
  return h.logs.filter((line) => JSON.parse(line).level === 'error');
}

async function nothingCreatedBy(send: () => Promise<Response>): Promise<Response> {
  const conversations = h.sandbox.state().conversations.length;
  const records = (await h.services.store.records.list()).length;
  const response = await send();
  expect(h.sandbox.state().conversations.length).toBe(conversations);
  expect((await h.services.store.records.list()).length).toBe(records);
  return response;
}

describe('POST test-escalation', () => {
  it.each([
    ['invalid JSON', 'application/json', '{"email":', 400, 'invalid_json'],
    [
      'a JSON body that is not an object',
      'application/json',
      '"tester@example.com"',
      400,
      'validation_failed',
    ],
    ['a bad email', 'application/json', '{"email":"not an email"}', 400, 'validation_failed'],
    ['a text/plain body', 'text/plain', 'email=tester@example.com', 415, 'unsupported_media_type'],
  ])('refuses %s and creates nothing', async (_, type, body, status, code) => {
    const response = await nothingCreatedBy(() =>
      h.call(TEST_ESCALATION, {
        method: 'POST',
        admin: true,
        headers: { 'content-type': type },
        body,
      }),
    );
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it('takes no body at all as "use the default test address"', async () => {
    const response = await h.call(TEST_ESCALATION, { method: 'POST', admin: true });
    expect(response.status).toBe(201);
    expect((await response.json()).status).toBe('escalated');
  });
});

describe('declared body sizes', () => {
  /** A body that never ends: if the server waited for it, the test would time out. */
  function endless(): ReadableStream<Uint8Array> {
    return new ReadableStream({ pull: () => new Promise(() => {}) });
  }

  it.each([
    ['/api/webhooks/kustomer', { 'x-kustomer-webhook-signature': 'ab'.repeat(32) }],
    ['/api/escalations', {}],
    [TEST_ESCALATION, { authorization: 'Bearer admin-token-for-tests-0123456789abcdef' }],
  ])('answers %s 413 from Content-Length alone, before reading', async (path, headers) => {
    const response = await h.call(path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(1e12) },
      body: endless(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
  });

  it('cuts a webhook body off at the limit when it declares no length', async () => {
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const response = await h.call('/api/webhooks/kustomer', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kustomer-webhook-signature': 'ab'.repeat(32),
      },
      body: new ReadableStream({
        pull(controller) {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    // Read (and so HMACed) at most the limit and the chunk in flight, not the endless rest.
    expect(sent).toBeLessThan(1024 * 1024 + 4 * chunk.byteLength);
  });
});

describe('malformed ids', () => {
  it('answers a malformed percent-encoding in an /api id with 400', async () => {
    for (const path of [
      '/api/escalations/%E0?sessionId=s',
      '/api/integrations/kustomer/outbox/%ff/retry',
    ]) {
      const response = await h.call(path, {
        method: path.endsWith('retry') ? 'POST' : 'GET',
        admin: true,
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_path');
    }
  });
});

describe('logs', () => {
  it('wrote no error-level line for any of the above', () => {
    expect(errorLines()).toEqual([]);
  });
});

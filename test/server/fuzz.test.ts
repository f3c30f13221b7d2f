/**
 * Malformed and hostile bodies for every endpoint: the answer is always a 4xx (or the endpoint's
 * success code when fast-check happens to build a valid body), never a 5xx, and a rejected
 * request writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationBody, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    ESCALATION_RATE_LIMIT_PER_IP: '100000',
    ESCALATION_RATE_LIMIT_PER_SESSION: '100000',
  });
});
afterAll(() => h.close());

const ENDPOINTS: { method: string; path: string; admin: boolean }[] = [
  { method: 'POST', path: '/api/escalations', admin: false },
  { method: 'GET', path: '/api/escalations/x', admin: false },
  { method: 'PUT', path: '/api/integrations/kustomer/settings', admin: true },
  { method: 'POST', path: '/api/integrations/kustomer/test-escalation', admin: true },
  { method: 'GET', path: '/api/integrations/kustomer/customers?email=', admin: true },
  { method: 'POST', path: '/api/integrations/kustomer/outbox/x/retry', admin: true },
  { method: 'POST', path: '/api/webhooks/kustomer', admin: false },
  { method: 'PUT', path: '/api/integrations/kustomer/sandbox/faults', admin: true },
  { method: 'GET', path: '/api/cron/drain-outbox', admin: false },
];

const hostileValue = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ minLength: 5000, maxLength: 20_000 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    '{"__proto__":{"polluted":1}}',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '\u0000',
    'x'.repeat(300),
  ),
);
const hostileObject = fc.dictionary(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'escalationId',
    'sessionId',
    'customer',
    'transcript',
    'reason',
    'enabled',
    'routingRules',
    'defaultTeamId',
    'id',
    'name',
    'data',
    'email',
    'x',
  ),
  hostileValue,
  { maxKeys: 8 },
);
const deep = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    hostileValue,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;
const mutatedEscalation = fc
  .record({
    key: fc.constantFrom(
      'escalationId',
      'sessionId',
      'customer',
      'transcript',
      'reason',
      'priority',
      'teamId',
      'tags',
      'attributes',
    ),
    value: deep,
  })
  .map(({ key, value }) => ({ ...escalationBody('fuzz'), [key]: value }));

const bodies = fc.oneof(
  hostileObject.map((o) => ({ text: JSON.stringify(o), type: 'application/json' })),
  mutatedEscalation.map((o) => ({ text: JSON.stringify(o), type: 'application/json' })),
  deep.map((o) => ({ text: JSON.stringify(o) ?? 'null', type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'text/plain' })),
  fc.constant({ text: '{"a":'.repeat(2000), type: 'application/json' }),
);

describe('fuzzing every endpoint', () => {
  it('never answers 5xx and writes nothing for rejected requests', async () => {
    let tried = 0;
    let serverErrors = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        bodies,
        fc.boolean(),
        async (endpoint, body, withAuth) => {
          tried += 1;
          const before = {
            records: (await h.services.store.list()).length,
            customers: h.sandbox.state().customers.length,
            settings: JSON.stringify(await h.services.settings.get()),
          };
          const headers: Record<string, string> = { 'content-type': body.type };
          if (endpoint.admin && withAuth)
            headers.authorization = `Bearer ${'admin-token-for-tests-0123456789abcdef'}`;
          if (endpoint.path.includes('webhooks'))
            headers['x-kustomer-webhook-signature'] = 'ab'.repeat(32);
          const response = await h.call(endpoint.path, {
            method: endpoint.method,
            headers,
            ...(endpoint.method === 'GET' ? {} : { body: body.text }),
          });
          if (response.status >= 500) serverErrors += 1;
          expect(response.status).toBeLessThan(500);
          const parsed = await response.json();
          if (response.status >= 400) {
            expect(parsed.error.code).toEqual(expect.any(String));
            expect((await h.services.store.list()).length).toBe(before.records);
            expect(h.sandbox.state().customers.length).toBe(before.customers);
            expect(JSON.stringify(await h.services.settings.get())).toBe(before.settings);
          }
          h.sandbox.clearFaults();
        },
      ),
      { numRuns: 1500 },
    );
    console.log(
      `fuzz: ${tried} cases over ${ENDPOINTS.length} endpoints, 5xx seen: ${serverErrors}`,
    );
    expect(serverErrors).toBe(0);
  }, 120_000);
});

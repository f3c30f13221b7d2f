/**
 * A request path written once: the route template and its values. The path is built by encoding
 * each value, so whatever a value holds (slashes, `?`, `#`, `%`, dots, any Unicode) reaches
 * Kustomer as the same value once decoded, over real HTTP to the sandbox; metrics, logs and error
 * messages name the template only. A template and its values that disagree are a type error, and
 * a thrown programming error where the compiler cannot tell.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KustomerValidationError } from '../../src/kustomer/errors.js';
import { buildPath } from '../../src/kustomer/route-path.js';
import type { Transport } from '../../src/kustomer/transport.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime, recordingLogger, startRawServer } from './support/client.js';

/** Values that mean something in a URL, and any Unicode string (well-formed, as JSON carries). */
const HOSTILE = [
  'a/b',
  '../../v1/teams',
  'a/../b',
  '?pageSize=1',
  'x#y',
  '100%',
  '%2F',
  '%zz',
  'ümlaut é 日本 🙂',
  ' sp ace ',
  'a+b&c=d;e',
  "o'hara(1)*!~",
  '...',
];
const anyValue = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
);
/** A whole path segment cannot be empty, `.` or `..` (see the refusal test below). */
const segmentValue = anyValue.filter((v) => !['', '.', '..'].includes(v));

describe('buildPath', () => {
  it('puts each value, encoded, in its placeholder, whatever the template form', () => {
    expect(buildPath('GET', '/v1/customers/{id}', { id: 'a/b' })).toBe('/v1/customers/a%2Fb');
    expect(buildPath('GET', '/v1/customers/email={email}', { email: 'a+b@x.com' })).toBe(
      '/v1/customers/email=a%2Bb%40x.com',
    );
    expect(
      buildPath('GET', '/v1/messages/{message_id}/attachments/{id}', {
        message_id: 'm?1',
        id: 'a#2',
      }),
    ).toBe('/v1/messages/m%3F1/attachments/a%232');
    expect(buildPath('GET', '/v1/chat/queues/metrics/{ids}', { ids: ['q1', 'q,2', 'q/3'] })).toBe(
      '/v1/chat/queues/metrics/q1,q%2C2,q%2F3',
    );
    expect(buildPath('GET', '/v1/schedules/default')).toBe('/v1/schedules/default');
  });

  it('throws a programming error for a missing value, an extra one, or a query in the route', () => {
    const route: string = '/v1/customers/{id}';
    expect(() => buildPath('GET', route, {})).toThrow(
      new TypeError('route /v1/customers/{id}: no value for {id}'),
    );
    expect(() => buildPath('GET', route, { id: 'a', email: 'b' })).toThrow(
      new TypeError('route /v1/customers/{id}: no placeholder for {email}'),
    );
    expect(() => buildPath('GET', '/v1/customers?page={page}', { page: '2' })).toThrow(TypeError);
  });

  it('refuses, unsent, a whole segment that is empty, . or .. and a lone surrogate', () => {
    for (const id of ['', '.', '..']) {
      const refused = () => buildPath('GET', '/v1/customers/{id}', { id });
      expect(refused).toThrow(KustomerValidationError);
      expect(refused).toThrow(/GET \/v1\/customers\/\{id\} not sent: \{id\} cannot be/);
    }
    expect(() => buildPath('GET', '/v1/chat/queues/metrics/{ids}', { ids: [] })).toThrow(
      KustomerValidationError,
    );
    // Inside a segment they name nothing else: `email=..` is sent as it is.
    expect(buildPath('GET', '/v1/customers/email={email}', { email: '..' })).toBe(
      '/v1/customers/email=..',
    );
    expect(() => buildPath('GET', '/v1/customers/email={email}', { email: 'a\uD800' })).toThrow(
      /\{email\} is not valid Unicode/,
    );
  });
});

/**
 * Never called: compiled by `npm run typecheck`, where each @ts-expect-error must meet an error,
 * so these lines fail the build the day the compiler stops catching the mistake.
 */
export function typeChecks(
  transport: Transport,
  schema: Parameters<Transport['call']>[0]['schema'],
) {
  const base = { method: 'GET', schema } as const;
  void transport.call({ ...base, route: '/v1/customers/{id}', params: { id: 'x' } });
  void transport.call({ ...base, route: '/v1/teams' });
  // @ts-expect-error a placeholder without its value
  void transport.call({ ...base, route: '/v1/customers/{id}' });
  // @ts-expect-error a value without its placeholder
  void transport.call({ ...base, route: '/v1/customers/{id}', params: { id: 'x', email: 'y' } });
  // @ts-expect-error the value under another name
  void transport.call({ ...base, route: '/v1/customers/email={email}', params: { id: 'x' } });
  // @ts-expect-error params for a route without placeholders
  void transport.call({ ...base, route: '/v1/teams', params: { id: 'x' } });
  // @ts-expect-error a query written into the route
  void transport.call({ ...base, route: '/v1/teams?pageSize=1' });
}

describe('over HTTP to the sandbox', () => {
  let sandbox: SandboxHandle;
  const newClient = () => buildClient(sandbox, createFakeTime());

  beforeAll(async () => {
    sandbox = await startTestSandbox({ orgRateLimitPerMin: 100_000 });
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.reset());

  it('a whole-segment value arrives as the same value (queue ids, echoed in the answer)', async () => {
    const client = newClient();
    await fc.assert(
      fc.asyncProperty(fc.array(segmentValue, { minLength: 1, maxLength: 3 }), async (ids) => {
        const waits = await client.availability.queueWaits(ids);
        expect(waits.map((w) => w.queueId)).toEqual(ids);
      }),
      { numRuns: 60 },
    );
    expect(Object.keys(sandbox.state().requests.byRoute)).toEqual([
      'GET /v1/chat/queues/metrics/{ids}',
    ]);
  });

  it('a value inside a segment (externalId=, email=) arrives as the same value', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyValue, async (value) => {
        n += 1;
        const externalId = `${n}${value}`.slice(0, 200);
        const email = `${n}${value.replace(/[@\s]/g, '')}@example.com`;
        const customer = await newClient().customers.create({ externalId, email });
        expect((await newClient().customers.getByExternalId(externalId))?.id).toBe(customer.id);
        expect((await newClient().customers.getByEmail(email))?.id).toBe(customer.id);
        const conversation = await newClient().conversations.create({
          customerId: customer.id,
          name: 'Chat',
          externalId,
        });
        expect((await newClient().conversations.getByExternalId(externalId))?.id).toBe(
          conversation.id,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('sends nothing for a whole segment of "", . or ..', async () => {
    for (const id of ['', '.', '..']) {
      await expect(newClient().customers.get(id)).rejects.toThrow(KustomerValidationError);
      await expect(newClient().availability.queueWaits([id])).rejects.toThrow(
        KustomerValidationError,
      );
    }
    expect(sandbox.state().requests.total).toBe(0);
  });

  it('names the template, never the value, in metrics, debug logs and errors', async () => {
    const logger = recordingLogger();
    const client = buildClient(sandbox, createFakeTime(), { logger, debug: true });
    const id = 'secret/../id?x#y';
    const failure = await client.conversations.update(id, { status: 'done' }).catch((e) => e);
    // What follows "failed:" is Kustomer's own reason, which may quote what it was sent.
    expect(failure.message).toMatch(/^Kustomer PUT \/v1\/conversations\/\{id\} failed: 404/);
    expect(failure.path).toBe('/v1/conversations/{id}');
    const endpoints = client.metrics().endpoints.map((e) => e.endpoint);
    expect(endpoints).toEqual(['PUT /v1/conversations/{id}']);
    expect(logger.lines.some((line) => line.includes('/v1/conversations/{id}'))).toBe(true);
    const seen = JSON.stringify([client.metrics(), logger.lines]);
    expect(seen).not.toContain('secret');
  });
});

describe('links Kustomer gives (links.next)', () => {
  const queue = { type: 'queue', id: 'q1', attributes: { name: 'Chat' }, relationships: {} };

  it('follows a path or a link on its own origin, with the query the link carries', async () => {
    const seen: string[] = [];
    const server = await startRawServer((req, res) => {
      seen.push(req.url ?? '');
      const next = seen.length === 1 ? `${origin}/v1/routing/queues?page=2&pageSize=100` : null;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [queue], links: { next } }));
    });
    const origin = server.url;
    try {
      const queues = await buildClient(
        { url: server.url, apiKey: 'k' },
        createFakeTime(),
      ).routing.listQueues();
      expect(queues).toHaveLength(2);
      expect(seen).toEqual([
        '/v1/routing/queues?pageSize=100',
        '/v1/routing/queues?page=2&pageSize=100',
      ]);
    } finally {
      await server.close();
    }
  });

  it('does not follow a link to another origin (it would carry the API key there)', async () => {
    let requests = 0;
    const server = await startRawServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [queue], links: { next: 'http://127.0.0.2:9/v1/x?page=2' } }));
    });
    try {
      const client = buildClient({ url: server.url, apiKey: 'k' }, createFakeTime());
      await expect(client.routing.listQueues()).rejects.toThrow(
        /GET \/v1\/routing\/queues: links: a link to another origin, not followed/,
      );
      expect(requests).toBe(1);
    } finally {
      await server.close();
    }
  });
});

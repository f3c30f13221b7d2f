/**
 * The sandbox witnesses Kustomer, not the client: each of its answers carries every attribute and
 * relationship of Kustomer's own example for that route (test/fixtures/kustomer/openapi), with the
 * same JSON types, so a client that reads the sandbox's answers reads Kustomer's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { responses } from '../support/kustomer-corpus.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation } from './support/http.js';

type Json = Record<string, unknown>;
let sandbox: SandboxHandle;
let answers: Record<string, Json>;

const kind = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Each key of Kustomer's resource with its JSON type (null stands for "any type"). */
function shapeOf(resource: Json) {
  const attributes = resource.attributes as Json;
  return {
    attributes: Object.keys(attributes).sort(),
    relationships: Object.keys(resource.relationships as Json).sort(),
    types: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, kind(v)])),
  };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const { customerId, conversationId } = await seedConversation(sandbox, 'shape@example.com');
  const post = async (path: string, body: unknown) =>
    (await api<{ data: Json }>(sandbox, 'POST', path, { body })).body.data;
  const get = async (path: string) => (await api<{ data: Json }>(sandbox, 'GET', path)).body.data;
  answers = {
    'POST /v1/customers': await post('/v1/customers', { emails: [{ email: 'b@example.com' }] }),
    'GET /v1/customers/{id}': await get(`/v1/customers/${customerId}`),
    'POST /v1/customers/{id}/conversations': await post(
      `/v1/customers/${customerId}/conversations`,
      { name: 'Help' },
    ),
    'POST /v1/conversations/{id}/messages': await post(
      `/v1/conversations/${conversationId}/messages`,
      { channel: 'chat', app: 'bot', direction: 'in', preview: 'hi' },
    ),
    'POST /v1/conversations/{id}/notes': await post(`/v1/conversations/${conversationId}/notes`, {
      body: 'Summary',
    }),
    'GET /v1/schedules/default': await get('/v1/schedules/default'),
  };
});
afterAll(() => sandbox.close());

describe("the sandbox's answers against Kustomer's examples", () => {
  const examples = responses().filter(
    (p) =>
      p.file.startsWith('openapi/') &&
      p.status < 300 &&
      `${p.method} ${p.route}` in examplesWanted(),
  );

  it('compares every example it should', () => {
    expect(examples.map((p) => `${p.method} ${p.route}`).sort()).toEqual(
      Object.keys(examplesWanted()).sort(),
    );
  });

  it.each(examples.map((p) => [`${p.method} ${p.route}`, p] as const))(
    '%s has every attribute and relationship of the example, with its type',
    (route, payload) => {
      const expected = shapeOf((payload.body as { data: Json }).data);
      const actual = shapeOf(answers[route]!);
      expect(actual.attributes).toEqual(expect.arrayContaining(expected.attributes));
      expect(actual.relationships).toEqual(expect.arrayContaining(expected.relationships));
      for (const [key, type] of Object.entries(expected.types)) {
        // A string in the example may be null in an answer (no value yet), as Kustomer does.
        if (type === 'string' && actual.types[key] === 'null') continue;
        expect([key, actual.types[key]]).toEqual([key, type]);
      }
    },
  );
});

describe("the sandbox's closed business against Kustomer's schedule example", () => {
  it('answers a holiday in `included` with every attribute and relationship of the example', async () => {
    sandbox.setAvailability({ businessClosed: true });
    const example = responses().find((p) => p.file === 'openapi/get-schedules-default-200.json')!;
    const { body } = await api<{ included: Json[] }>(
      sandbox,
      'GET',
      '/v1/schedules/default?include=holidays',
    );
    const expected = shapeOf((example.body as { included: Json[] }).included[0]!);
    const actual = shapeOf(body.included[0]!);
    expect(actual.attributes).toEqual(expect.arrayContaining(expected.attributes));
    expect(actual.relationships).toEqual(expect.arrayContaining(expected.relationships));
    expect(actual.types).toEqual(expected.types);
    sandbox.setAvailability({ businessClosed: false });
  });
});

function examplesWanted(): Record<string, true> {
  return {
    'POST /v1/customers': true,
    'GET /v1/customers/{id}': true,
    'POST /v1/customers/{id}/conversations': true,
    'POST /v1/conversations/{id}/messages': true,
    'POST /v1/conversations/{id}/notes': true,
    'GET /v1/schedules/default': true,
  };
}

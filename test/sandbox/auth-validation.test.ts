/**
 * The sandbox's front door, as Kustomer's: bearer keys (401) and roles (403), request bodies
 * checked against Kustomer's create schemas (additionalProperties: false, types, enums, custom
 * attribute suffixes) with Kustomer's JSON:API error body, and 404s.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation, type KustomerErrorBody } from './support/http.js';

const FULL = 'sandbox-test-full-key-000000';
const NO_ROLES = 'sandbox-test-no-roles-key-00';
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [
      { key: FULL, name: 'full', roles: ALL_MODULE_ROLES },
      { key: NO_ROLES, name: 'nothing', roles: [] },
    ],
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** One of Kustomer's two error shapes: JSON:API naming the field when there is one, else code and message. */
function expectKustomerError(body: unknown, status: number, text: RegExp, pointer?: string) {
  const [error] = (body as KustomerErrorBody).errors;
  if (!pointer) {
    expect(error).toEqual({ code: expect.any(String), message: expect.any(String), meta: {} });
    return expect(error!.message).toMatch(text);
  }
  expect(error).toMatchObject({ status: String(status), code: expect.any(String), meta: {} });
  expect(error!.title).toBe(error!.code.replace(/_/g, ' '));
  expect(error!.detail).toMatch(text);
  expect(error!.source).toEqual({ pointer });
}

describe('auth', () => {
  it.each([
    ['no Authorization header', null],
    ['an unknown key', 'not-a-key-we-issued-00000'],
  ])('answers 401 for %s', async (_case, key) => {
    const reply = await api(sandbox, 'GET', '/v1/teams', { key });
    expect(reply.status).toBe(401);
    expectKustomerError(reply.body, 401, /valid API key/);
  });

  it('answers 401 for a key sent with another scheme', async () => {
    const response = await fetch(`${sandbox.url}/v1/teams`, {
      headers: { authorization: `Basic ${FULL}` },
    });
    expect(response.status).toBe(401);
  });

  it('answers 403 naming the roles that would allow the call', async () => {
    const reply = await api(sandbox, 'POST', '/v1/customers', { key: NO_ROLES, body: {} });
    expect(reply.status).toBe(403);
    expectKustomerError(
      reply.body,
      403,
      /^the API key needs one of: org\.permission\.customer\.create, org\.user\.customer\.write$/,
    );
    expect(sandbox.state().customers).toEqual([]);
  });

  it('lets any valid key read its own token, whatever its roles', async () => {
    const reply = await api<{ data: { attributes: { name: string; roles: string[] } } }>(
      sandbox,
      'GET',
      '/v1/auth/tokens/current',
      { key: NO_ROLES },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.data.attributes).toMatchObject({ name: 'nothing', roles: [] });
  });
});

describe('body validation', () => {
  it('rejects an unknown field with a pointer to it, and writes nothing', async () => {
    const reply = await api(sandbox, 'POST', '/v1/customers', {
      body: { name: 'Jane', emial: 'typo@example.com' },
    });
    expect(reply.status).toBe(400);
    expectKustomerError(reply.body, 400, /^\/emial is not an allowed field$/, '/emial');
    expect(sandbox.state().customers).toEqual([]);
  });

  it('rejects any unknown field on a conversation create (property)', async () => {
    const { customerId } = await seedConversation(sandbox, 'p@example.com');
    // The properties of Kustomer's schema for POST /v1/customers/{id}/conversations.
    const known = new Set(
      'id externalId campaign name status priority createdAt importedAt direction replyChannel tags assignedUsers assignedTeams custom defaultLang queue'.split(
        ' ',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,12}$/).filter((name) => !known.has(name)),
        fc.jsonValue(),
        async (field, value) => {
          const reply = await api(sandbox, 'POST', `/v1/customers/${customerId}/conversations`, {
            body: { name: 'x', [field]: value },
          });
          expect(reply.status).toBe(400);
          expectKustomerError(reply.body, 400, /is not an allowed field/, `/${field}`);
        },
      ),
      { numRuns: 40 },
    );
    expect(sandbox.state().conversations).toHaveLength(1);
  });

  it.each([
    ['name', 42, /must be of type string/],
    ['priority', 'high', /must be of type integer/],
    ['priority', 9, /must be at most 5/],
    ['status', 'snoozed', /must be one of open, done/],
    ['tags', 'chatbot', /must be of type array/],
    ['assignedTeams', ['not-an-id'], /must be a valid object-id/],
  ])('rejects a wrong %s (%j) on a conversation create', async (field, value, detail) => {
    const { customerId } = await seedConversation(sandbox, 'w@example.com');
    const path = `/v1/customers/${customerId}/conversations`;
    const reply = await api<KustomerErrorBody>(sandbox, 'POST', path, {
      body: { name: 'x', [field]: value },
    });
    expect(reply.status).toBe(400);
    const pointer = reply.body.errors[0]!.source!.pointer;
    expect(pointer).toMatch(new RegExp(`^/${field}`));
    expectKustomerError(reply.body, 400, detail, pointer);
  });

  it('checks custom attributes by their type suffix', async () => {
    const { conversationId } = await seedConversation(sandbox, 'c@example.com');
    const put = (custom: unknown) =>
      api(sandbox, 'PUT', `/v1/conversations/${conversationId}`, { body: { custom } });
    expect((await put({ botConfidenceNum: 0.4, botIntentStr: 'refund' })).status).toBe(200);
    const noSuffix = await put({ botIntent: 'refund' });
    expectKustomerError(noSuffix.body, 400, /end in Str, Txt, Num/, '/custom/botIntent');
    const wrongType = await put({ botConfidenceNum: 'high' });
    expectKustomerError(wrongType.body, 400, /must be a number/, '/custom/botConfidenceNum');
  });

  it('rejects bodies that are not JSON objects', async () => {
    const broken = await api(sandbox, 'POST', '/v1/customers', { raw: '{"name": ' });
    expect(broken.status).toBe(400);
    expectKustomerError(broken.body, 400, /not valid JSON/);
    const array = await api(sandbox, 'POST', '/v1/customers', { body: [{ name: 'x' }] });
    expect(array.status).toBe(400);
  });

  it('answers 400, not 500, for a malformed percent-encoding in a path value', async () => {
    const reply = await api(sandbox, 'GET', '/v1/customers/email=a%zz%40example.com');
    expect(reply.status).toBe(400);
    expectKustomerError(reply.body, 400, /malformed percent-encoding/);
  });

  it('requires a body on a note and at least one character in it', async () => {
    const { conversationId } = await seedConversation(sandbox, 'n@example.com');
    const path = `/v1/conversations/${conversationId}/notes`;
    expectKustomerError(
      (await api(sandbox, 'POST', path, { body: {} })).body,
      400,
      /is required/,
      '/body',
    );
    const empty = await api(sandbox, 'POST', path, { body: { body: '' } });
    expectKustomerError(empty.body, 400, /at least 1 characters/, '/body');
  });
});

describe('404', () => {
  it.each([
    ['an unknown route', 'GET', '/v1/widgets'],
    ['an unknown customer id', 'GET', '/v1/customers/5f00000000000000000000aa'],
    ['an email with no customer', 'GET', '/v1/customers/email=ghost%40example.com'],
    ['an unknown conversation externalId', 'GET', '/v1/conversations/externalId=nope'],
    [
      'a note on an unknown conversation',
      'POST',
      '/v1/conversations/5f00000000000000000000bb/notes',
    ],
  ])('answers 404 with an error body for %s', async (_case, method, path) => {
    const reply = await api(
      sandbox,
      method,
      path,
      method === 'POST' ? { body: { body: 'x' } } : {},
    );
    expect(reply.status).toBe(404);
    expectKustomerError(reply.body, 404, /not found|no route/);
  });

  it('answers 404 outside /v1 and /__sandbox', async () => {
    expect((await fetch(`${sandbox.url}/v2/anything`)).status).toBe(404);
  });
});

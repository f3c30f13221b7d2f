/**
 * One way to provoke each class of KustomerError over real HTTP, shared by the error-family tests
 * and the secret-redaction sweep. The sandbox holds `key` (every role) and `narrowKey` (read
 * only) and answers a duplicate customer with 409; `raw` answers 200 with a body Kustomer would
 * never send.
 */
import type { KustomerClientOptions } from '../../../src/kustomer/client.js';
import type { KustomerErrorCode } from '../../../src/kustomer/errors.js';
import type { KustomerClient, UpdateConversationInput } from '../../../src/kustomer/types.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';
import { ALL_MODULE_ROLES } from '../../../src/sandbox/module-roles.js';
import { startTestSandbox } from '../../support/sandbox.js';
import { buildClient, createFakeTime, startRawServer } from './client.js';

export interface ErrorWorld {
  sandbox: SandboxHandle;
  rawUrl: string;
  client(overrides?: Partial<KustomerClientOptions>): KustomerClient;
}

export interface ErrorCase {
  name: string;
  code: KustomerErrorCode;
  status: number | undefined;
  method: string;
  route: string;
  provoke(world: ErrorWorld): Promise<unknown>;
}

const NO_CONVERSATION = '5f00000000000000000000cc';
export const RAW_REQUEST_ID = 'raw-request-0001';

/** The world the cases run in; its clients use `key` with `clientDefaults`, then any overrides. */
export async function startErrorWorld(
  key: string,
  narrowKey: string,
  clientDefaults: Partial<KustomerClientOptions> = {},
): Promise<{ world: ErrorWorld; close(): Promise<void> }> {
  const sandbox = await startTestSandbox({
    keys: [
      { key, name: 'full', roles: ALL_MODULE_ROLES },
      { key: narrowKey, name: 'narrow', roles: ['org.permission.customer.read'] },
    ],
    duplicateStatus: 409,
  });
  const raw = await startRawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': RAW_REQUEST_ID });
    res.end(JSON.stringify({ data: { id: 42, attributes: 'not an object' } }));
  });
  return {
    world: {
      sandbox,
      rawUrl: raw.url,
      client: (overrides = {}) =>
        buildClient({ url: sandbox.url, apiKey: key }, createFakeTime(), {
          ...clientDefaults,
          ...overrides,
        }),
    },
    close: async () => {
      await raw.close();
      await sandbox.close();
    },
  };
}

/** Runs `provoke` with faults set, and always clears them after. */
async function withFaults(
  world: ErrorWorld,
  faults: Parameters<SandboxHandle['setFaults']>[0],
  run: () => Promise<unknown>,
): Promise<unknown> {
  world.sandbox.setFaults(faults);
  try {
    return await run();
  } finally {
    world.sandbox.clearFaults();
  }
}

export function errorCases(badKey: string, narrowKey: string): ErrorCase[] {
  return [
    {
      name: 'auth (401, bad key)',
      code: 'auth',
      status: 401,
      method: 'GET',
      route: '/v1/auth/tokens/current',
      provoke: (w) => w.client({ apiKey: badKey }).auth.currentToken(),
    },
    {
      name: 'permission (403, missing role)',
      code: 'permission',
      status: 403,
      method: 'POST',
      route: '/v1/customers',
      provoke: (w) => w.client({ apiKey: narrowKey }).customers.create({ email: 'p@example.com' }),
    },
    {
      name: 'not found (404 on a create)',
      code: 'not_found',
      status: 404,
      method: 'POST',
      route: '/v1/conversations/{id}/notes',
      provoke: (w) => w.client().notes.create(NO_CONVERSATION, { body: 'hi' }),
    },
    {
      name: 'validation (400, unknown field)',
      code: 'validation',
      status: 400,
      method: 'PUT',
      route: '/v1/conversations/{id}',
      provoke: async (w) => {
        const client = w.client();
        const customer = await client.customers.create({ email: `v${Date.now()}@example.com` });
        const conversation = await client.conversations.create({
          customerId: customer.id,
          name: 'x',
        });
        const patch = { sneaky: true } as UpdateConversationInput;
        return client.conversations.update(conversation.id, patch);
      },
    },
    {
      name: 'validation (422)',
      code: 'validation',
      status: 422,
      method: 'GET',
      route: '/v1/teams',
      provoke: (w) =>
        withFaults(w, { errorRates: { '422': 1 } }, () => w.client().teams.list({ fresh: true })),
    },
    {
      name: 'conflict (409, duplicate email)',
      code: 'conflict',
      status: 409,
      method: 'POST',
      route: '/v1/customers',
      provoke: async (w) => {
        await w.client().customers.create({ email: 'twice@example.com' });
        return w.client().customers.create({ email: 'twice@example.com' });
      },
    },
    {
      name: 'rate limit (429 longer than the caller waits)',
      code: 'rate_limit',
      status: 429,
      method: 'GET',
      route: '/v1/customers/email={email}',
      provoke: (w) =>
        withFaults(w, { errorRates: { '429': 1 }, retryAfterSeconds: 60 }, () =>
          w.client().customers.getByEmail('limited@example.com'),
        ),
    },
    {
      name: 'network (connection reset after a POST committed)',
      code: 'network',
      status: undefined,
      method: 'POST',
      route: '/v1/customers',
      provoke: (w) =>
        withFaults(w, { resetAfterCommitRate: 1, match: '^POST /v1/customers$' }, () =>
          w.client().customers.create({ email: 'reset@example.com' }),
        ),
    },
    {
      name: 'timeout (no answer in time)',
      code: 'timeout',
      status: undefined,
      method: 'POST',
      route: '/v1/customers',
      provoke: (w) =>
        withFaults(w, { slowResponseRate: 1, slowResponseMs: 1500 }, () =>
          w.client({ timeoutMs: 100 }).customers.create({ email: 'slow@example.com' }),
        ),
    },
    {
      name: 'unavailable (outage outlasting the retries)',
      code: 'unavailable',
      status: 503,
      method: 'GET',
      route: '/v1/customers/externalId={externalId}',
      provoke: (w) =>
        withFaults(w, { outageUntil: Date.now() + 600_000 }, () =>
          w.client().customers.getByExternalId('during-outage'),
        ),
    },
    {
      name: 'schema (a 2xx body that does not parse)',
      code: 'schema',
      status: 200,
      method: 'GET',
      route: '/v1/customers/email={email}',
      provoke: (w) => w.client({ baseURL: w.rawUrl }).customers.getByEmail('odd@example.com'),
    },
  ];
}

/** Runs the case and returns what it threw; fails if it did not throw. */
export async function thrownBy(world: ErrorWorld, errorCase: ErrorCase): Promise<unknown> {
  try {
    await errorCase.provoke(world);
  } catch (error) {
    return error;
  }
  throw new Error(`${errorCase.name}: expected an error`);
}

/**
 * The sandbox inspector's SLA control through createApp in sandbox mode: a policy switched to one
 * the bot transcript would fool makes Test connection warn by name; an unknown policy is a 404, a
 * body that is not `{ "fooled": boolean }` a 400 naming the field, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';
import { createServices, type Services } from '../../src/server/services.js';
import type { ConnectionResult } from '../../src/shared/integration.js';
import { startTestSandbox } from '../support/sandbox.js';

const ADMIN_TOKEN = 'admin-token-for-sla-tests-0123456789';
let sandbox: SandboxHandle;
let services: Services;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  services = await createServices(loadServerEnv({ STORE: 'memory', ADMIN_TOKEN }), {
    store: createMemoryStore(),
    logger: silentLogger,
    sandbox,
  });
  app = createApp(services);
});
afterAll(async () => {
  await services.close();
  await sandbox.close();
});

const call = (method: string, path: string, body?: unknown) =>
  app(
    new Request(`http://localhost${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

describe('the sandbox SLA control', () => {
  it('makes a policy one the transcript would fool, and Test connection then names it', async () => {
    const [chat] = sandbox.state().slas;
    const put = await call('PUT', `/api/integrations/kustomer/sandbox/slas/${chat!.id}`, {
      fooled: true,
    });
    expect(put.status).toBe(200);
    const result = (await (
      await call('POST', '/api/integrations/kustomer/test')
    ).json()) as ConnectionResult;
    expect(result.sla).toMatchObject({ status: 'warn', fooled: [{ name: 'Chat Policy' }] });
    await call('PUT', `/api/integrations/kustomer/sandbox/slas/${chat!.id}`, { fooled: false });
    expect(sandbox.state().slas[0]).toMatchObject({ basedOnHumanInteraction: true });
  });

  it('refuses an unknown policy and a bad body, changing nothing', async () => {
    const before = sandbox.state().slas;
    const unknown = await call('PUT', `/api/integrations/kustomer/sandbox/slas/${'0'.repeat(24)}`, {
      fooled: true,
    });
    expect(unknown.status).toBe(404);
    const [chat] = before;
    const bad = await call('PUT', `/api/integrations/kustomer/sandbox/slas/${chat!.id}`, {
      fooled: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      'fooled',
    );
    expect(sandbox.state().slas).toEqual(before);
  });
});

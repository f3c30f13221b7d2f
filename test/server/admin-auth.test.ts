/**
 * Who may call the admin endpoints when no ADMIN_TOKEN is configured: open in local sandbox mode
 * (the no-credentials demo), closed whenever the environment says production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { silentLogger } from '../../src/kustomer/logger.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv, type ServerEnv } from '../../src/server/env.js';
import { createServices, type Services } from '../../src/server/services.js';
import { startTestSandbox } from '../support/sandbox.js';

let sandbox: SandboxHandle;
const opened: Services[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  for (const services of opened) await services.close();
  await sandbox.close();
});

async function appFor(env: ServerEnv) {
  const services = await createServices(env, {
    store: createMemoryStore(),
    logger: silentLogger,
    sandbox,
  });
  opened.push(services);
  return createApp(services);
}

const status = (app: (r: Request) => Promise<Response>) =>
  app(new Request('http://localhost/api/integrations/kustomer')).then((r) => r.status);

describe('admin endpoints without ADMIN_TOKEN', () => {
  it('are open in sandbox mode outside production, for the local demo', async () => {
    const env = loadServerEnv({ STORE: 'memory' });
    expect(env).toMatchObject({ adminToken: null, production: false });
    expect(await status(await appFor(env))).toBe(200);
  });

  it('stay closed in production even if the env check was bypassed', async () => {
    // loadServerEnv refuses this combination; the app does not rely on that alone.
    const env = { ...loadServerEnv({ STORE: 'memory' }), production: true };
    expect(await status(await appFor(env))).toBe(401);
  });
});

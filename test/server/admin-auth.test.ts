/**
 * Who may call the admin endpoints when no ADMIN_TOKEN is configured: open in local sandbox mode
 * (the no-credentials demo), closed whenever the environment says production, and closed on
 * every Vercel deployment, previews included, because each has a public URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { createApp } from '../../src/server/app.js';
import type { ConnectionInfo } from '../../src/server/router.js';
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

async function appFor(env: ServerEnv, options: Parameters<typeof createApp>[1] = {}) {
  const services = await createServices(env, {
    store: createMemoryStore(),
    logger: silentLogger,
    sandbox,
  });
  opened.push(services);
  return createApp(services, options);
}

type App = ReturnType<typeof createApp>;
const LOCAL = { remoteAddress: '127.0.0.1' };

const status = (
  app: App,
  connection: ConnectionInfo = LOCAL,
  headers: Record<string, string> = {},
) =>
  app(new Request('http://localhost/api/integrations/kustomer', { headers }), connection).then(
    (r) => r.status,
  );

const saveSettings = (app: App) =>
  app(
    new Request('http://localhost/api/integrations/kustomer/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    }),
  );

describe('admin endpoints without ADMIN_TOKEN', () => {
  it('are open in sandbox mode outside production, for the local demo on this machine', async () => {
    const env = loadServerEnv({ STORE: 'memory' });
    expect(env).toMatchObject({ adminToken: null, production: false });
    const app = await appFor(env);
    expect(await status(app)).toBe(200);
    expect(await status(app, { remoteAddress: '::1' })).toBe(200);
    expect(await status(app, { remoteAddress: '::ffff:127.0.0.1' })).toBe(200);
  });

  it('stay closed in sandbox mode to other machines, and through a proxy', async () => {
    const app = await appFor(loadServerEnv({ STORE: 'memory' }));
    expect(await status(app, { remoteAddress: '192.168.1.20' })).toBe(401);
    expect(await status(app, { remoteAddress: '::ffff:10.0.0.3' })).toBe(401);
    expect(await status(app, {})).toBe(401);
    // A local reverse proxy forwarding an outside client.
    expect(await status(app, LOCAL, { 'x-forwarded-for': '203.0.113.5' })).toBe(401);
    const refused = await app(new Request('http://localhost/api/integrations/kustomer'), {
      remoteAddress: '192.168.1.20',
    });
    expect((await refused.json()).error.message).toMatch(/only on this machine/);
  });

  it('stay closed in production even if the env check was bypassed', async () => {
    // loadServerEnv refuses this combination; the app does not rely on that alone.
    const env = { ...loadServerEnv({ STORE: 'memory' }), production: true };
    expect(await status(await appFor(env))).toBe(401);
  });

  it('stay closed on a Vercel preview in sandbox mode, and say which variable opens them', async () => {
    const env = loadServerEnv({ VERCEL: '1', VERCEL_ENV: 'preview', STORE: 'memory' });
    expect(env).toMatchObject({ adminToken: null, production: false, adminOpen: false });
    const app = await appFor(env);
    expect(await status(app)).toBe(401);
    const refused = await saveSettings(app);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatchObject({
      code: 'admin_token_not_set',
      message: expect.stringMatching(/no ADMIN_TOKEN/),
    });
    // Nothing changed: the integration is still on.
    const services = opened.at(-1)!;
    expect((await services.settings.get()).enabled).toBe(true);
  });
});

describe("admin endpoints through the host app's own session check", () => {
  const token = 'a-long-enough-admin-token-123';
  // The host's session rides on a cookie, as most do.
  const authorizeAdmin = async (request: Request) =>
    request.headers.get('cookie') === 'session=admin';
  const put = (headers: Record<string, string>) =>
    new Request('http://localhost/api/integrations/kustomer/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: 'session=admin', ...headers },
      body: JSON.stringify({ debug: true }),
    });

  async function hostApp() {
    const env = loadServerEnv({ STORE: 'memory', ADMIN_TOKEN: token });
    const app = await appFor(env, { authorizeAdmin });
    return { app, services: opened.at(-1)! };
  }

  it('let a signed-in admin read, and refuse without the session', async () => {
    const { app } = await hostApp();
    const read = (cookie?: string) =>
      app(
        new Request('http://localhost/api/integrations/kustomer', {
          headers: cookie ? { cookie } : {},
        }),
      ).then((r) => r.status);
    expect(await read('session=admin')).toBe(200);
    expect(await read()).toBe(401);
  });

  it('refuse a change posted from another site with the session cookie, and change nothing', async () => {
    const { app, services } = await hostApp();
    expect((await app(put({ origin: 'https://evil.example' }))).status).toBe(401);
    expect((await app(put({ 'sec-fetch-site': 'cross-site' }))).status).toBe(401);
    expect((await services.settings.get()).debug).toBe(false);
    expect((await app(put({ origin: 'http://localhost' }))).status).toBe(200);
    expect((await services.settings.get()).debug).toBe(true);
  });
});

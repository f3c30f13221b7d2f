/**
 * A real server stack for handler tests: the sandbox over HTTP, the real client, flow and a
 * memory store, driven through createApp with Web Requests. Logs are captured for secret checks.
 */
import { createHmac } from 'node:crypto';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';
import { createServices, type ServiceOverrides, type Services } from '../../src/server/services.js';
import { startTestSandbox } from '../support/sandbox.js';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
export const CRON_SECRET = 'cron-secret-for-tests-0123456789';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';
export const LIVE_KEY = 'live-key-for-tests-0123456789abcdefghij';

export interface Harness {
  services: Services;
  sandbox: SandboxHandle;
  call(path: string, init?: RequestInit & { admin?: boolean; json?: unknown }): Promise<Response>;
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(
  env: Record<string, string> = {},
  keys = [{ key: LIVE_KEY, name: 'tests', roles: ALL_MODULE_ROLES }],
  overrides: ServiceOverrides = {},
): Promise<Harness> {
  // Kustomer's bulk jobs are asynchronous; a short one keeps handler tests quick.
  const sandbox = await startTestSandbox({ keys, bulkJobMs: 100 });
  const logs: string[] = [];
  const serverEnv = loadServerEnv({
    KUSTOMER_API_KEY: keys[0]!.key,
    KUSTOMER_API_BASE_URL: sandbox.url,
    KUSTOMER_SUBDOMAIN: 'acme',
    ADMIN_TOKEN,
    CRON_SECRET,
    KUSTOMER_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ALLOWED_ORIGINS: 'https://chat.example.com',
    STORE: 'memory',
    ...env,
  });
  // The services' own logger (secrets, the live debug switch), writing into `logs`.
  const services = await createServices(serverEnv, {
    store: createMemoryStore(),
    logWrite: (line) => logs.push(line),
    escalateDeadlineMs: 3000,
    ...overrides,
  });
  const app = createApp(services);
  return {
    services,
    sandbox,
    logs,
    call(path, init = {}) {
      const { admin, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (admin) headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return app(
        new Request(`http://localhost${path}`, {
          ...rest,
          headers,
          ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        }),
      );
    },
    async close() {
      await services.close();
      await sandbox.close();
    },
  };
}

export function escalationBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    escalationId: id,
    sessionId: `chat-${id}`,
    customer: { email: `${id}@example.com`, name: 'Jane Doe' },
    transcript: [
      { id: 'm1', role: 'user', text: 'My invoice is wrong', at: '2026-11-24T10:00:00.000Z' },
      { id: 'm2', role: 'bot', text: 'Let me get a person', at: '2026-11-24T10:00:01.000Z' },
    ],
    reason: 'user_requested',
    intent: 'billing',
    summary: 'Customer disputes invoice 1234',
    ...overrides,
  };
}

/** A POST of `event` as Kustomer delivers it: JSON, signed with the webhook secret. */
export function signedWebhook(event: unknown, secret = WEBHOOK_SECRET): RequestInit {
  const body = JSON.stringify(event);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kustomer-webhook-signature': createHmac('sha256', secret).update(body).digest('hex'),
    },
    body,
  };
}

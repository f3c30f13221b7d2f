/**
 * The sandbox (a few thousand lines of routes, fixtures and schemas) is loaded only in sandbox
 * mode: with a key configured, creating the services never imports it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/memory-store.js';
import { silentLogger } from '../../src/platform/logger.js';
import { loadServerEnv } from '../../src/server/env.js';
import { createServices, type Services } from '../../src/server/services.js';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/sandbox/server.js', async (importOriginal) => {
  loads.count += 1;
  return importOriginal();
});

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

describe('the embedded sandbox', () => {
  it('is not loaded in live mode', async () => {
    const env = loadServerEnv({
      KUSTOMER_API_KEY: 'live-key-0123456789abcdef0123',
      KUSTOMER_SUBDOMAIN: 'acme',
      ADMIN_TOKEN: 'admin-token-0123456789',
      STORE: 'memory',
    });
    services = await createServices(env, { store: createMemoryStore(), logger: silentLogger });
    expect(services.sandbox).toBeNull();
    expect(loads.count).toBe(0);
  });

  it('is loaded, once, when there is no key', async () => {
    const env = loadServerEnv({ STORE: 'memory' });
    services = await createServices(env, { store: createMemoryStore(), logger: silentLogger });
    expect(services.sandbox).not.toBeNull();
    expect(loads.count).toBe(1);
  });
});

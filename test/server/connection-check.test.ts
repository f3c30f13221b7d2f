/**
 * One connection check for the page, the CLI and doctor: the Integrations page's Test connection
 * diagnoses a key of another region as the CLI does, and its result is kept in the store, so
 * another instance sharing the store shows the same connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';
import { createServices, type Services } from '../../src/server/services.js';
import { startWrongRegionHost } from '../cli/support/region-server.js';
import { ADMIN_TOKEN, LIVE_KEY, startHarness, type Harness } from './harness.js';

const store = createMemoryStore();
let host: Awaited<ReturnType<typeof startWrongRegionHost>>;
let h: Harness;
let other: Services;

beforeAll(async () => {
  host = await startWrongRegionHost('prod2', 'prod1');
  h = await startHarness({ KUSTOMER_API_BASE_URL: host.url }, undefined, { store });
  // A second instance of the same deployment: its own memory, the same store.
  const env = loadServerEnv({
    KUSTOMER_API_KEY: LIVE_KEY,
    KUSTOMER_API_BASE_URL: host.url,
    ADMIN_TOKEN,
    STORE: 'memory',
  });
  other = await createServices(env, { store, logWrite: () => {} });
});
afterAll(async () => {
  await other.close();
  await h.close();
  await host.close();
});

describe('the connection check', () => {
  it('diagnoses a key from another region on the Integrations page, with the variable to set', async () => {
    const response = await h.call('/api/integrations/kustomer/test', {
      method: 'POST',
      admin: true,
    });
    const result = (await response.json()) as {
      ok: boolean;
      error: { code: string; fix: string | null; outage: boolean };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('wrong_region');
    expect(result.error.fix).toContain('KUSTOMER_REGION=eu');
    expect(result.error.outage).toBe(false);
  });

  it('is kept in the store: another instance shows the same result', async () => {
    const response = await createApp(other)(
      new Request('http://localhost/api/integrations/kustomer', {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      }),
    );
    const status = (await response.json()) as {
      connection: { ok: boolean; error: { code: string } } | null;
    };
    expect(status.connection?.ok).toBe(false);
    expect(status.connection?.error.code).toBe('wrong_region');
  });
});

/**
 * `npm run kustomer -- webhooks status | provision`: the server's provisioning code run from the
 * command line, with the file store the server would use. The token lands in the store and is
 * never printed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProvisioned } from '../../src/escalation/webhook-secrets.js';
import { createFileStore } from '../../src/escalation/stores/index.js';
import { FEW_KEY, useCliFixture } from './support/cli-fixture.js';

const { run, sandbox, dir } = useCliFixture();
const APP_URL = 'https://chat.example.invalid';

describe('webhooks', () => {
  it('provisions once, then verifies; status exits 0 only when the webhook is right', async () => {
    expect((await run(['webhooks', 'status'], { APP_URL })).code).toBe(1);
    const created = await run(['webhooks', 'provision'], { APP_URL });
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain('Webhook created.');
    expect(created.out).toContain(`${APP_URL}/api/webhooks/kustomer`);
    const [hook] = sandbox().outboundWebhooks();
    expect(created.out + created.err).not.toContain(hook!.token);
    const store = await createFileStore({ dir: join(dir(), 'store') });
    expect((await readProvisioned(store))?.token).toBe(hook!.token);
    await store.close();

    const again = await run(['webhooks', 'provision', '--json'], { APP_URL });
    expect(JSON.parse(again.out)).toMatchObject({ outcome: 'verified', state: { healthy: true } });
    const status = await run(['webhooks', 'status'], { APP_URL });
    expect(status.code).toBe(0);
    expect(status.out).toContain('Last delivery: none received yet');
    expect(sandbox().outboundWebhooks()).toHaveLength(1);
  });

  it('exits 2 naming APP_URL when it is not https, and 1 when the key lacks the roles', async () => {
    // The sandbox keeps an org's webhooks across resets, as it keeps its teams.
    const before = sandbox().outboundWebhooks();
    const http = await run(['webhooks', 'provision'], { APP_URL: 'http://chat.example.com' });
    expect(http.code).toBe(2);
    expect(http.err).toContain('APP_URL must start with https://');
    const few = await run(['webhooks', 'provision'], { APP_URL, KUSTOMER_API_KEY: FEW_KEY });
    expect(few.code).toBe(1);
    expect(few.err).toContain('org.permission.outbound_webhook.read');
    expect(sandbox().outboundWebhooks()).toEqual(before);
  });

  it('asks for status or provision', async () => {
    expect((await run(['webhooks'])).code).toBe(2);
  });
});

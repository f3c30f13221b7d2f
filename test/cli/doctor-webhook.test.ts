/**
 * The doctor's webhook check against the sandbox over HTTP and a real Redis store: failed when
 * no webhook points at APP_URL or it is disabled, warned while no delivery came, passed once a
 * verified one did, and skipped (never passed) when it cannot tell.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/escalation/stores/index.js';
import { recordDelivery } from '../../src/escalation/webhook-secrets.js';
import { runKustomerCli } from '../../src/cli/kustomer-cli.js';
import { REQUIRED_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import { captureIo } from './support/capture-io.js';
import { keyWithout, NOW, useDoctorFixture } from './support/doctor-fixture.js';

const { good, doctor, sandbox, sandboxMode } = useDoctorFixture();
const APP_URL = 'https://chat.example.invalid';

async function provisionWith(env: Record<string, string | undefined>) {
  const captured = captureIo();
  expect(await runKustomerCli(['webhooks', 'provision'], { env, io: captured.io })).toBe(0);
}

describe('the outbound webhook check', () => {
  it('fails without a webhook, warns until a delivery, passes once a verified one came', async () => {
    for (const hook of sandbox().outboundWebhooks())
      await fetch(`${sandbox().url}/v1/outbound-webhooks/${hook.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sandbox().apiKey}` },
      });
    const env = { ...good(), APP_URL, REDIS_URL: `${good().REDIS_URL!.replace(/\/1$/, '')}/3` };
    expect((await doctor(env)).row('webhook.provisioned')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('webhooks provision'),
    });
    await provisionWith(env);
    expect((await doctor(env)).row('webhook.provisioned')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('no delivery received yet'),
    });
    const store = await createStore({ kind: 'redis', dir: '', redisUrl: env.REDIS_URL });
    await recordDelivery(store, {
      at: new Date(NOW - 60_000).toISOString(),
      event: 'kustomer.message.create',
      verified: true,
    });
    expect((await doctor(env)).row('webhook.provisioned')).toMatchObject({ status: 'pass' });
    await recordDelivery(store, {
      at: new Date(NOW - 9 * 86_400_000).toISOString(),
      event: null,
      verified: true,
    });
    expect((await doctor(env)).row('webhook.provisioned').detail).toContain('over 7 days ago');
    await store.close();

    const [hook] = sandbox().outboundWebhooks();
    sandbox().editOutboundWebhook(hook!.id, { enabled: false });
    expect((await doctor(env)).row('webhook.provisioned')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('disabled'),
    });
  });

  it('fails an APP_URL that is not https', async () => {
    const { row } = await doctor({ ...good(), APP_URL: 'http://chat.example.com' });
    expect(row('webhook.provisioned')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('https://'),
    });
  });

  it('skips when it cannot tell: no APP_URL, or a key that may not list webhooks; warns on the sandbox', async () => {
    expect(
      (await doctor({ ...good(), APP_URL: undefined })).row('webhook.provisioned').status,
    ).toBe('skip');
    expect((await doctor(sandboxMode())).row('webhook.provisioned').status).toBe('warn');
    const withoutRead = keyWithout('org.permission.outbound_webhook.read');
    const { row } = await doctor({ ...good(), APP_URL, KUSTOMER_API_KEY: withoutRead });
    expect(row('webhook.provisioned')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining('cannot tell'),
    });
    expect(REQUIRED_MODULE_ROLES).not.toContain('org.permission.outbound_webhook.read');
  });
});

/**
 * "Create or verify" the outbound webhook through the admin API, against the sandbox over HTTP:
 * created once, verified after, replaced when disabled or missing an event (its other events and
 * headers kept), refused with the field named when APP_URL cannot be used, and the signing token
 * kept in the store, never in an answer or a log line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readProvisioned } from '../../src/escalation/webhook-secrets.js';
import { ALL_MODULE_ROLES, REQUIRED_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import { LIVE_KEY, startHarness, type Harness } from './harness.js';

const APP_URL = 'https://chat.example.invalid';
const TARGET = `${APP_URL}/api/webhooks/kustomer`;
const BOTH = ['kustomer.message.create', 'kustomer.conversation.update'];

let h: Harness;
afterEach(async () => h?.close());

const state = async () =>
  (await h.call('/api/integrations/kustomer/webhook', { admin: true })).json();
const provision = () =>
  h.call('/api/integrations/kustomer/webhook', { method: 'POST', admin: true });

describe('POST /api/integrations/kustomer/webhook', () => {
  it('creates the webhook once, then verifies it; the token stays in the store', async () => {
    h = await startHarness({ APP_URL });
    expect(await state()).toMatchObject({
      targetUrl: TARGET,
      webhook: null,
      healthy: false,
      secret: 'env',
      canProvision: true,
      lastDelivery: null,
    });

    const created = await provision();
    expect(created.status).toBe(200);
    const body = await created.json();
    expect(body.outcome).toBe('created');
    const [hook, ...others] = h.sandbox.outboundWebhooks();
    expect(others).toEqual([]);
    expect(hook).toMatchObject({ url: TARGET, events: BOTH, enabled: true });
    expect(body.state).toMatchObject({ healthy: true, secret: 'both', webhook: { id: hook!.id } });
    expect(JSON.stringify(body)).not.toContain(hook!.token);
    expect((await readProvisioned(h.services.store))?.token).toBe(hook!.token);

    const again = await (await provision()).json();
    expect(again.outcome).toBe('verified');
    expect(h.sandbox.outboundWebhooks().map((w) => w.id)).toEqual([hook!.id]);
    expect(JSON.stringify(await state())).not.toContain(hook!.token);
    expect(h.logs.join('\n')).not.toContain(hook!.token);
  });

  it('replaces a disabled webhook, keeping its name, headers and other events', async () => {
    h = await startHarness({ APP_URL });
    await provision();
    const old = h.sandbox.outboundWebhooks()[0]!;
    h.sandbox.editOutboundWebhook(old.id, {
      enabled: false,
      events: ['kustomer.message.create', 'kustomer.customer.create'],
    });
    expect(await state()).toMatchObject({
      healthy: false,
      webhook: { id: old.id, enabled: false, missingEvents: ['kustomer.conversation.update'] },
    });
    const body = await (await provision()).json();
    expect(body.outcome).toBe('replaced');
    const [now, ...rest] = h.sandbox.outboundWebhooks();
    expect(rest).toEqual([]);
    expect(now!.id).not.toBe(old.id);
    expect(now).toMatchObject({
      url: TARGET,
      enabled: true,
      name: old.name,
      events: [...BOTH, 'kustomer.customer.create'],
    });
    expect((await readProvisioned(h.services.store))?.token).toBe(now!.token);
  });

  it('leaves webhooks pointing elsewhere alone and creates ours beside them', async () => {
    h = await startHarness({ APP_URL });
    h.sandbox.setWebhook({ url: 'https://other.example.invalid/hook', secret: 'other-secret' });
    expect((await (await provision()).json()).outcome).toBe('created');
    expect(h.sandbox.outboundWebhooks().map((w) => w.url)).toEqual([
      'https://other.example.invalid/hook',
      TARGET,
    ]);
  });

  it('answers 409 naming the limit when the org already has 5 webhooks', async () => {
    h = await startHarness({ APP_URL });
    for (let i = 0; i < 5; i += 1)
      await h.services.client.outboundWebhooks.create({
        name: `other ${i}`,
        url: `https://other.example.invalid/${i}`,
        events: ['kustomer.customer.create'],
      });
    const response = await provision();
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({ code: 'webhook_limit' });
    expect(h.sandbox.outboundWebhooks()).toHaveLength(5);
  });

  it.each([
    ['http://chat.example.com', 'https://'],
    ['http://localhost:3000', 'https://'],
  ])('refuses APP_URL=%s with 400 naming APP_URL, creating nothing', async (appUrl, words) => {
    h = await startHarness({ APP_URL: appUrl });
    const response = await provision();
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_app_url');
    expect(error.fields.APP_URL).toContain(words);
    expect(h.sandbox.outboundWebhooks()).toEqual([]);
    expect(await state()).toMatchObject({ targetUrl: null, webhook: null, healthy: false });
  });

  it('refuses without APP_URL, naming it', async () => {
    h = await startHarness();
    const { error } = await (await provision()).json();
    expect(error.fields.APP_URL).toMatch(/APP_URL is not set/);
  });

  it('creates one webhook when two requests provision at once', async () => {
    h = await startHarness({ APP_URL });
    const answers = await Promise.all([provision(), provision(), provision()]);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect([200, 409]).toContain(a.status);
    expect(h.sandbox.outboundWebhooks()).toHaveLength(1);
  });

  it('reports a key without the webhook roles, and Kustomer refusal names them', async () => {
    h = await startHarness({ APP_URL }, [
      { key: LIVE_KEY, name: 'least', roles: REQUIRED_MODULE_ROLES },
    ]);
    expect(await state()).toMatchObject({
      canProvision: false,
      error: { code: 'permission' },
      webhook: null,
    });
    const response = await provision();
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toContain('org.permission.outbound_webhook.read');
    expect(h.sandbox.outboundWebhooks()).toEqual([]);
  });

  it('needs the admin token', async () => {
    h = await startHarness({ APP_URL }, [{ key: LIVE_KEY, name: 'all', roles: ALL_MODULE_ROLES }]);
    const response = await h.call('/api/integrations/kustomer/webhook', { method: 'POST' });
    expect(response.status).toBe(401);
    expect(h.sandbox.outboundWebhooks()).toEqual([]);
  });
});

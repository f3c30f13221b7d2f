/**
 * The embedded sandbox as the no-credentials demo runs it: once the app listens, the sandbox's
 * webhook is provisioned through the same code as the Integrations page, its token signs every
 * delivery, the app verifies with it (the generated secret is a different one), and each
 * delivery, verified or not, is noted in the store for the page.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';
import { nodeHandler } from '../../src/server/node-adapter.js';
import { createServices, type Services } from '../../src/server/services.js';
import { ADMIN_TOKEN, escalationBody } from './harness.js';

let services: Services;
let server: Server;
let origin = '';
const logs: string[] = [];

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${origin}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers ?? {}) },
  });

beforeAll(async () => {
  services = await createServices(loadServerEnv({ STORE: 'memory', ADMIN_TOKEN }), {
    store: createMemoryStore(),
    logWrite: (line) => logs.push(line),
  });
  server = createServer(nodeHandler(createApp(services), () => origin));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await services.setPublicUrl(origin);
});
afterAll(async () => {
  server.close();
  await services.close();
});

describe('the embedded sandbox webhook', () => {
  it('is provisioned to the app with both events and a token of its own', () => {
    const hooks = services.sandbox!.outboundWebhooks();
    expect(hooks).toEqual([
      expect.objectContaining({
        url: `${origin}/api/webhooks/kustomer`,
        events: ['kustomer.message.create', 'kustomer.conversation.update'],
        enabled: true,
      }),
    ]);
    expect(hooks[0]!.token).not.toBe(services.webhookSecret);
    expect(logs.join('\n')).not.toContain(hooks[0]!.token);
  });

  it('brings an agent reply to the chat, signed with that token, and notes the delivery', async () => {
    const created = await call('/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(escalationBody('demo-1')),
    });
    const { conversationId } = await created.json();
    await services.sandbox!.agentReply(conversationId, 'Hello from the agent');
    const status = await (await call('/api/escalations/demo-1?sessionId=chat-demo-1')).json();
    expect(status.replies).toEqual([expect.objectContaining({ text: 'Hello from the agent' })]);

    const state = await (await call('/api/integrations/kustomer/webhook')).json();
    expect(state).toMatchObject({
      healthy: true,
      secret: 'both',
      lastDelivery: { event: 'kustomer.message.create', verified: true },
    });
    expect(Date.parse(state.lastDelivery.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a delivery signed with another key and notes it as not verified', async () => {
    const body = JSON.stringify({ id: 'evt-forged', name: 'kustomer.conversation.update' });
    const response = await fetch(`${origin}/api/webhooks/kustomer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kustomer-webhook-event': 'kustomer.conversation.update',
        'x-kustomer-webhook-signature': createHmac('sha256', 'not-the-token')
          .update(body)
          .digest('hex'),
      },
      body,
    });
    expect(response.status).toBe(401);
    const state = await (await call('/api/integrations/kustomer/webhook')).json();
    expect(state.lastDelivery).toMatchObject({
      event: 'kustomer.conversation.update',
      verified: false,
    });
  });

  it('stops verifying a delivery once the webhook is gone and re-provisioned with a new token', async () => {
    const [old] = services.sandbox!.outboundWebhooks();
    services.sandbox!.editOutboundWebhook(old!.id, { enabled: false });
    const result = await (
      await call('/api/integrations/kustomer/webhook', { method: 'POST' })
    ).json();
    expect(result.outcome).toBe('replaced');
    const body = JSON.stringify({ id: 'evt-old-token', name: 'kustomer.customer.update' });
    const signedWithOld = await fetch(`${origin}/api/webhooks/kustomer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kustomer-webhook-signature': createHmac('sha256', old!.token).update(body).digest('hex'),
      },
      body,
    });
    expect(signedWithOld.status).toBe(401);
  });
});

/**
 * The outbound-webhooks API as Kustomer documents it (roles, https, 1-12 subscribable events,
 * 5 per org, the token on the webhook itself), and deliveries driven by the webhooks created
 * through it: each event goes to every enabled webhook subscribed to it, with its headers,
 * signed with its own token.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES, REQUIRED_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation, type KustomerErrorBody } from './support/http.js';

const FULL = 'full-key-0123456789';
const LEAST = 'least-key-0123456789';
const LEGACY = 'legacy-key-0123456789';
const received: { path: string; headers: IncomingHttpHeaders; raw: string }[] = [];
let listener: ReturnType<typeof createServer>;
let base = '';
let sandbox: SandboxHandle;

beforeAll(async () => {
  listener = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  sandbox = await startTestSandbox({
    keys: [
      { key: FULL, name: 'full', roles: ALL_MODULE_ROLES },
      { key: LEAST, name: 'least', roles: REQUIRED_MODULE_ROLES },
      { key: LEGACY, name: 'legacy', roles: ['org.admin.outbound_webhooks'] },
    ],
  });
});
afterAll(async () => {
  await sandbox.close();
  listener.closeAllConnections();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});
beforeEach(async () => {
  await Promise.all(
    sandbox
      .outboundWebhooks()
      .map((hook) => api(sandbox, 'DELETE', `/v1/outbound-webhooks/${hook.id}`, { key: FULL })),
  );
  received.length = 0;
});

type Hook = { data: { id: string; attributes: Record<string, unknown> } };
const create = (body: unknown, key = FULL) =>
  api<Hook & KustomerErrorBody>(sandbox, 'POST', '/v1/outbound-webhooks', { body, key });
const valid = (path: string, events = ['kustomer.message.create']) => ({
  name: 'Test',
  url: `${base}${path}`,
  events,
});

describe('the outbound-webhooks API', () => {
  it('creates a webhook and answers it with its token; the list leaves the token out', async () => {
    const created = await create({ ...valid('/a'), headers: [{ name: 'X-Source', value: 'k' }] });
    expect(created.status).toBe(201);
    const { id, attributes } = created.body.data;
    expect(attributes).toMatchObject({
      url: `${base}/a`,
      enabled: true,
      token: expect.any(String),
    });
    const listed = await api<{ data: Hook['data'][] }>(sandbox, 'GET', '/v1/outbound-webhooks', {
      key: FULL,
    });
    expect(listed.body.data.map((w) => w.id)).toEqual([id]);
    expect(listed.body.data[0]!.attributes).not.toHaveProperty('token');
    const one = await api<Hook>(sandbox, 'GET', `/v1/outbound-webhooks/${id}`, { key: FULL });
    expect(one.body.data.attributes.token).toBe(attributes.token);
  });

  // Built before the listener exists: an https URL, which the sandbox takes without delivering.
  const ok = {
    name: 'Test',
    url: 'https://hooks.example.invalid/k',
    events: ['kustomer.message.create'],
  };
  it.each([
    [{ ...ok, url: 'http://hooks.example.com/k' }, '/url'],
    [{ ...ok, events: [] }, '/events'],
    [{ ...ok, events: Array(13).fill('kustomer.message.create') }, '/events'],
    [{ ...ok, events: ['kustomer.message.delete'] }, '/events/0'],
    [{ ...ok, name: '' }, '/name'],
    [{ ...ok, enabled: true }, '/enabled'],
    [{ ...ok, headers: [{ name: 'X' }] }, '/headers/0'],
  ])('refuses %j with 400 naming %s', async (body, pointer) => {
    const refused = await create(body);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain(pointer);
    expect(sandbox.outboundWebhooks()).toEqual([]);
  });

  it('refuses a sixth webhook', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await create({ ...ok, name: `n${i}` })).status).toBe(201);
    expect((await create(ok)).status).toBe(400);
    expect(sandbox.outboundWebhooks()).toHaveLength(5);
  });

  it('asks for the webhook roles: refused to a least-privilege key, allowed to the legacy one', async () => {
    const refused = await create(valid('/a'), LEAST);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('org.permission.outbound_webhook.create');
    expect((await create(valid('/a'), LEGACY)).status).toBe(201);
  });

  it('deletes a webhook (204), then no longer knows it (404)', async () => {
    const { id } = (await create(valid('/a'))).body.data;
    expect(
      (await api(sandbox, 'DELETE', `/v1/outbound-webhooks/${id}`, { key: FULL })).status,
    ).toBe(204);
    expect(
      (await api(sandbox, 'DELETE', `/v1/outbound-webhooks/${id}`, { key: FULL })).status,
    ).toBe(404);
  });

  it('lists the 12 subscribable events', async () => {
    const { body } = await api<{ events: string[] }>(
      sandbox,
      'GET',
      '/v1/outbound-webhooks/events',
      { key: FULL },
    );
    expect(body.events).toHaveLength(12);
    expect(body.events).toContain('kustomer.conversation.update');
  });
});

describe('deliveries from the webhooks created', () => {
  it('go to each enabled webhook subscribed to the event, signed with its token, with its headers', async () => {
    const replies = (
      await create({ ...valid('/replies'), headers: [{ name: 'X-Source', value: 'kustomer' }] })
    ).body.data;
    const closes = (await create(valid('/closes', ['kustomer.conversation.update']))).body.data;
    const off = (await create(valid('/off'))).body.data;
    sandbox.editOutboundWebhook(off.id, { enabled: false });
    const { conversationId } = await seedConversation(sandbox, 'hooks@example.com');
    received.length = 0;
    await sandbox.agentReply(conversationId, 'hello');
    expect(received.map((r) => r.path)).toEqual(['/replies']);
    const [reply] = received;
    const token = String(replies.attributes.token);
    expect(reply!.headers['x-kustomer-webhook-signature']).toBe(
      createHmac('sha256', token).update(reply!.raw).digest('hex'),
    );
    expect(reply!.headers['x-source']).toBe('kustomer');
    received.length = 0;
    await sandbox.closeConversation(conversationId);
    expect(received.map((r) => r.path)).toEqual(['/closes']);
    expect(received[0]!.headers['x-kustomer-webhook-signature']).toBe(
      createHmac('sha256', String(closes.attributes.token)).update(received[0]!.raw).digest('hex'),
    );
  });
});

/**
 * Outbound webhooks as Kustomer sends them: a POST per event with X-Kustomer-Webhook-Event and
 * X-Kustomer-Webhook-Signature, the lowercase hex HMAC-SHA256 of the raw body keyed with the
 * webhook's token. The signature is verified here, independently, on the raw bytes a plain
 * node:http listener received.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation } from './support/http.js';

const SECRET = 'whsec-sandbox-test-0f3c9a';

interface Delivery {
  method: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

const deliveries: Delivery[] = [];
let listener: ReturnType<typeof createServer>;
let listenerUrl: string;
let sandbox: SandboxHandle;

beforeAll(async () => {
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({
        method: req.method ?? '',
        headers: req.headers,
        raw: Buffer.concat(chunks),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hooks/kustomer`;
  sandbox = await startTestSandbox({ webhook: { url: listenerUrl, secret: SECRET } });
});
afterAll(async () => {
  await sandbox.close();
  listener.closeAllConnections();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});
beforeEach(() => {
  sandbox.reset();
  sandbox.setWebhook({ url: listenerUrl, secret: SECRET });
  deliveries.length = 0;
});

function verify(delivery: Delivery, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(delivery.raw).digest();
  const sent = Buffer.from(String(delivery.headers['x-kustomer-webhook-signature']), 'hex');
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

describe('signed deliveries', () => {
  it('delivers kustomer.message.create for an agent reply, signed over the raw body', async () => {
    const { conversationId, customerId } = await seedConversation(sandbox, 'hook@example.com');
    await sandbox.agentReply(conversationId, 'Hello from a human — ¡hola! 👋');
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery!.method).toBe('POST');
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['x-kustomer-webhook-event']).toBe('kustomer.message.create');
    expect(delivery!.headers['x-kustomer-webhook-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(delivery!, SECRET)).toBe(true);
    expect(verify(delivery!, 'another-secret')).toBe(false);

    const event = JSON.parse(delivery!.raw.toString('utf8'));
    expect(event).toMatchObject({
      id: expect.any(String),
      name: 'kustomer.message.create',
      org: '5a0000000000000000000001',
      partition: '5a0000000000000000000001',
      changes: null,
      data: {
        type: 'message',
        attributes: { direction: 'out', preview: 'Hello from a human — ¡hola! 👋' },
        relationships: {
          conversation: { data: { type: 'conversation', id: conversationId } },
          // Kustomer's message example writes the customer relationship's type in the plural.
          customer: { data: { type: 'customers', id: customerId } },
        },
      },
    });
  });

  it('delivers kustomer.conversation.update with the status change when an agent closes', async () => {
    const { conversationId } = await seedConversation(sandbox, 'close@example.com');
    const closed = await api(sandbox, 'POST', `/__sandbox/conversations/${conversationId}/close`, {
      key: null,
    });
    expect(closed.status).toBe(200);
    const [delivery] = deliveries;
    expect(delivery!.headers['x-kustomer-webhook-event']).toBe('kustomer.conversation.update');
    expect(verify(delivery!, SECRET)).toBe(true);
    const event = JSON.parse(delivery!.raw.toString('utf8'));
    expect(event.data).toMatchObject({
      type: 'conversation',
      id: conversationId,
      attributes: { status: 'done' },
    });
    expect(event.changes).toEqual({ attributes: { status: { before: 'open', after: 'done' } } });
  });

  it('gives each event its own id, for de-duplication', async () => {
    const { conversationId } = await seedConversation(sandbox, 'ids@example.com');
    await sandbox.agentReply(conversationId, 'one');
    await sandbox.agentReply(conversationId, 'two');
    const ids = deliveries.map((d) => JSON.parse(d.raw.toString('utf8')).id);
    expect(new Set(ids).size).toBe(2);
  });

  it('signs with the secret set through the admin API, and sends nothing without a target', async () => {
    const { conversationId } = await seedConversation(sandbox, 'rotate@example.com');
    await api(sandbox, 'PUT', '/__sandbox/webhook', {
      key: null,
      body: { url: listenerUrl, secret: 'rotated-secret' },
    });
    await sandbox.agentReply(conversationId, 'after rotation');
    expect(verify(deliveries[0]!, 'rotated-secret')).toBe(true);
    expect(verify(deliveries[0]!, SECRET)).toBe(false);
    await api(sandbox, 'PUT', '/__sandbox/webhook', { key: null, body: null });
    await sandbox.agentReply(conversationId, 'nobody listening');
    expect(deliveries).toHaveLength(1);
    expect(sandbox.state().messages).toHaveLength(2);
  });
});

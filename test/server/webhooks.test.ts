import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { nodeHandler } from '../../src/server/node-adapter.js';
import {
  escalationBody,
  signedWebhook,
  startHarness,
  WEBHOOK_SECRET,
  type Harness,
} from './harness.js';

let h: Harness;
let server: Server;
let conversationId: string;

beforeAll(async () => {
  h = await startHarness();
  // The sandbox delivers its webhooks over a real socket to the Node adapter.
  let origin = '';
  server = createServer(nodeHandler(createApp(h.services), () => origin));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h.sandbox.setWebhook({ url: `${origin}/api/webhooks/kustomer`, secret: WEBHOOK_SECRET });
  const result = await (
    await h.call('/api/escalations', { method: 'POST', json: escalationBody('e-hook') })
  ).json();
  conversationId = result.conversationId;
});
afterAll(async () => {
  server.close();
  await h.close();
});

const signed = signedWebhook;

const update = (id: string, status: string, updatedAt: string) => ({
  id,
  name: 'kustomer.conversation.update',
  data: { type: 'conversation', id: conversationId, attributes: { status, updatedAt } },
  changes: {},
});

describe('POST /api/webhooks/kustomer', () => {
  it('shows an agent reply delivered by Kustomer in the escalation status, once', async () => {
    const message = await h.sandbox.agentReply(conversationId, 'Hi Jane, I can fix that invoice.');
    const status = await (await h.call('/api/escalations/e-hook?sessionId=chat-e-hook')).json();
    expect(status.replies).toEqual([
      expect.objectContaining({ id: message.id, text: 'Hi Jane, I can fix that invoice.' }),
    ]);
    // The bot's own transcript lines also come back as message.create: they are not replies.
    expect(status.replies).toHaveLength(1);
  });

  it('rejects a wrong signature with 401 and applies nothing', async () => {
    const response = await h.call(
      '/api/webhooks/kustomer',
      signed(update('evt-bad', 'done', '2026-11-24T12:00:00.000Z'), 'wrong-secret'),
    );
    expect(response.status).toBe(401);
    expect(
      (await (await h.call('/api/escalations/e-hook?sessionId=chat-e-hook')).json()).closed,
    ).toBe(false);
  });

  it('closes on done, ignores a duplicate delivery and an older out-of-order update', async () => {
    const done = await h.call(
      '/api/webhooks/kustomer',
      signed(update('evt-done', 'done', '2026-11-24T12:00:00.000Z')),
    );
    expect(await done.json()).toEqual({ outcome: 'applied' });
    const duplicate = await h.call(
      '/api/webhooks/kustomer',
      signed(update('evt-done', 'done', '2026-11-24T12:00:00.000Z')),
    );
    expect(await duplicate.json()).toEqual({ outcome: 'duplicate' });
    const stale = await h.call(
      '/api/webhooks/kustomer',
      signed(update('evt-old', 'open', '2026-11-24T11:00:00.000Z')),
    );
    expect(await stale.json()).toEqual({ outcome: 'stale' });
    const status = await (await h.call('/api/escalations/e-hook?sessionId=chat-e-hook')).json();
    expect(status).toMatchObject({ closed: true });
  });

  it('answers 200 ignored to any signed event it does not handle or understand, never a 4xx', async () => {
    const other = await h.call(
      '/api/webhooks/kustomer',
      signed({ id: 'evt-x', name: 'kustomer.team.update', data: { id: 'x', attributes: {} } }),
    );
    expect(await other.json()).toEqual({ outcome: 'ignored' });
    for (const body of [{ hello: 'world' }, [], 'text', { name: 'kustomer.message.create' }]) {
      const response = await h.call('/api/webhooks/kustomer', signed(body));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ outcome: 'ignored' });
    }
  });
});

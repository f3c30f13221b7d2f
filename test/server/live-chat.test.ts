/**
 * The live conversation endpoints over a real socket: later messages reach the sandbox
 * conversation, and agent replies come back on the Server-Sent Events stream, resumable with
 * Last-Event-ID.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { createApp } from '../../src/server/app.js';
import { openEventStream } from '../../src/server/handlers/live-stream.js';
import { MESSAGES_PER_SESSION_PER_MIN } from '../../src/server/handlers/live-chat.js';
import { ATTACHMENT_MAX_BYTES } from '../../src/shared/live-chat.js';
import { nodeHandler } from '../../src/server/node-adapter.js';
import { sseReader } from '../support/sse.js';
import { escalationBody, startHarness, WEBHOOK_SECRET, type Harness } from './harness.js';

let h: Harness;
let server: Server;
let origin = '';
let conversationId: string;
const ID = 'e-live';
const SESSION = `chat-${ID}`;

beforeAll(async () => {
  // The store's clock stands still, so the per-minute counters never roll over mid-test.
  const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
  h = await startHarness({}, undefined, { store: createMemoryStore({ clock: () => frozen }) });
  server = createServer(nodeHandler(createApp(h.services), () => origin));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h.sandbox.setWebhook({ url: `${origin}/api/webhooks/kustomer`, secret: WEBHOOK_SECRET });
  const result = await (
    await h.call('/api/escalations', { method: 'POST', json: escalationBody(ID) })
  ).json();
  conversationId = result.conversationId;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await h.close();
});

let n = 0;
const post = (body: unknown, session = SESSION, id = ID) =>
  h.call(`/api/escalations/${id}/messages?sessionId=${encodeURIComponent(session)}`, {
    method: 'POST',
    json: body,
  });
const message = (text: string) => ({ id: `u${++n}`, text, at: new Date().toISOString() });
const liveMessages = () =>
  h.sandbox
    .state()
    .messages.filter((m) => m.conversationId === conversationId && m.externalId?.includes('~'));

describe('POST /api/escalations/:id/messages', () => {
  it('puts the message on the conversation with 201, and answers a resend without a second', async () => {
    const body = message('Here is the order number: 88812');
    const response = await post(body);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'delivered', messageId: body.id });
    expect((await post(body)).status).toBe(201);
    expect(liveMessages().filter((m) => m.preview === body.text)).toHaveLength(1);
  });

  it('answers 404 to another chat session and writes nothing', async () => {
    const before = liveMessages().length;
    const response = await post(message('not mine'), 'chat-somebody-else');
    expect(response.status).toBe(404);
    expect(liveMessages()).toHaveLength(before);
    const record = await h.services.store.records.get(ID);
    expect(record?.chatMessages?.some((m) => m.text === 'not mine')).toBe(false);
  });

  it('rejects a bad body with 400 naming the field, and a missing sessionId', async () => {
    const bad = await post({ id: 'has spaces', text: '', at: 'yesterday' });
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(Object.keys(error.fields).sort()).toEqual(['at', 'id', 'text']);
    const noSession = await h.call(`/api/escalations/${ID}/messages`, {
      method: 'POST',
      json: message('x'),
    });
    expect(noSession.status).toBe(400);
    expect((await noSession.json()).error.fields).toEqual({ sessionId: 'Required' });
  });

  it('refuses a file of another type, too large or not base64 with 400 naming it; takes a PDF', async () => {
    const before = liveMessages().length;
    const file = (contentType: string, data: string) => ({
      ...message('see the file'),
      attachment: { name: 'file', contentType, data },
    });
    const cases: [body: unknown, field: string][] = [
      [file('application/x-msdownload', 'TVo='), 'attachment.contentType'],
      [
        file('application/pdf', 'A'.repeat(((ATTACHMENT_MAX_BYTES + 3) / 3) * 4)),
        'attachment.data',
      ],
      [file('text/plain', 'not base64!'), 'attachment.data'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(Object.keys((await response.json()).error.fields)).toEqual([field]);
    }
    expect(liveMessages()).toHaveLength(before);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const ok = await post(file('application/pdf', pdf.toString('base64')));
    expect(ok.status).toBe(201);
    const landed = liveMessages().at(-1)!;
    const attachment = h.sandbox.state().attachments.find((a) => a.id === landed.attachmentIds[0]);
    expect(Buffer.from(attachment!.data!, 'base64')).toEqual(pdf);
  });

  it('limits messages per chat session with 429 and Retry-After', async () => {
    const id = 'e-limit';
    await h.call('/api/escalations', { method: 'POST', json: escalationBody(id) });
    const statuses: number[] = [];
    for (let i = 0; i <= MESSAGES_PER_SESSION_PER_MIN; i += 1)
      statuses.push((await post(message(`m${i}`), `chat-${id}`, id)).status);
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('GET /api/escalations/:id/events', () => {
  const open = (lastEventId?: string) =>
    fetch(`${origin}/api/escalations/${ID}/events?sessionId=${SESSION}`, {
      headers: lastEventId ? { 'last-event-id': lastEventId } : {},
    });

  it('streams the hand-off, then an agent reply within a second of the webhook', async () => {
    const response = await open();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseReader(response);
    expect((await events.next())?.data).toMatchObject({ type: 'status', phase: 'connected' });
    const started = performance.now();
    await h.sandbox.agentReply(conversationId, 'Hello, I am Sam from support.');
    const seen = await events.until('reply');
    const latencyMs = performance.now() - started;
    console.log(`reply latency, webhook to stream: ${latencyMs.toFixed(0)} ms`);
    expect(latencyMs).toBeLessThan(1000);
    expect(seen.map((e) => e.event)).toEqual(expect.arrayContaining(['agent_joined', 'reply']));
    await events.cancel();
  });

  it('resumes after Last-Event-ID with what was missed, nothing repeated', async () => {
    const first = sseReader(await open());
    const before = await first.collectFor(300);
    await first.cancel();
    expect(before.filter((e) => e.event === 'reply')).toHaveLength(1);
    // While disconnected: another reply and the close.
    await h.sandbox.agentReply(conversationId, 'Anything else?');
    await h.sandbox.closeConversation(conversationId);
    const resumed = sseReader(await open(before.at(-1)!.id!));
    const missed = await resumed.until('closed');
    await resumed.cancel();
    expect(missed.map((e) => e.event)).toEqual(['reply', 'closed']);
    expect(missed[0]?.data).toMatchObject({ reply: { text: 'Anything else?' } });
  });

  it('answers 404 to another session and 400 without a session', async () => {
    const other = await fetch(`${origin}/api/escalations/${ID}/events?sessionId=chat-other`);
    expect(other.status).toBe(404);
    expect((await fetch(`${origin}/api/escalations/${ID}/events`)).status).toBe(400);
  });

  it('ends cleanly when its time is up, so the browser reconnects', async () => {
    const response = openEventStream(h.services, ID, SESSION, null, { streamMs: 200, pollMs: 50 });
    const text = await response.text(); // resolves only when the stream closes
    expect(text).toMatch(/^retry: \d+/);
    expect(text).toContain('event: status');
  });
});

describe('privacy settings', () => {
  const put = (privacy: unknown) =>
    h.call('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: { privacy },
    });

  it('refuses a pattern that does not compile, naming it, and applies a valid one', async () => {
    const bad = await put({ maskCardNumbers: true, patterns: ['(['] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual({
      'privacy.patterns.0': 'not a valid regular expression',
    });
    expect((await put({ maskCardNumbers: true, patterns: ['M-\\d{6}'] })).status).toBe(200);
    const id = 'e-privacy';
    await h.call('/api/escalations', { method: 'POST', json: escalationBody(id) });
    const response = await post(
      message('member M-123456, card 4111111111111111'),
      `chat-${id}`,
      id,
    );
    expect(await response.json()).toMatchObject({
      masked: true,
      text: 'member [redacted], card ••••••••••••1111',
    });
  });
});

describe('an open event stream', () => {
  it('delivers its own chat’s saved messages once they are due, without waiting for a drain', async () => {
    let skipped = 0;
    const own = await startHarness({}, undefined, { clock: () => Date.now() + skipped });
    const ownServer = createServer(nodeHandler(createApp(own.services), () => ownOrigin));
    let ownOrigin = '';
    await new Promise<void>((resolve) => ownServer.listen(0, '127.0.0.1', resolve));
    ownOrigin = `http://127.0.0.1:${(ownServer.address() as AddressInfo).port}`;
    try {
      const id = 'e-stream-kick';
      await own.call('/api/escalations', { method: 'POST', json: escalationBody(id) });
      own.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
      const saved = await own.call(`/api/escalations/${id}/messages?sessionId=chat-${id}`, {
        method: 'POST',
        json: message('saved during the outage'),
      });
      expect(saved.status).toBe(202);
      own.sandbox.clearFaults();
      skipped += 10 * 60_000; // past any backoff
      const events = sseReader(
        await fetch(`${ownOrigin}/api/escalations/${id}/events?sessionId=chat-${id}`),
      );
      const seen = await events.until('delivered');
      await events.cancel();
      expect(seen.at(-1)?.data).toMatchObject({ type: 'delivered' });
      const record = await own.services.store.records.get(id);
      expect(record?.chatMessages?.[0]?.deliveredAt).not.toBeNull();
    } finally {
      ownServer.closeAllConnections();
      ownServer.close();
      await own.close();
    }
  });
});

describe('GET /api/escalations/:id/attachments/:messageId/:attachmentId', () => {
  const fileOf = (messageId: string, attachmentId: string, session = SESSION) =>
    fetch(
      `${origin}/api/escalations/${ID}/attachments/${messageId}/${attachmentId}?sessionId=${session}`,
    );

  it('serves an agent’s file to the chat that escalated, and to no one else', async () => {
    const bytes = Buffer.from('%PDF-1.4 invoice 4417\n%%EOF\n');
    const reply = await h.sandbox.agentReply(conversationId, 'Here is your invoice', [
      { name: 'invoice 4417.pdf', contentType: 'application/pdf', bytes },
    ]);
    const attachmentId = reply.attachmentIds[0]!;
    const status = await (await h.call(`/api/escalations/${ID}?sessionId=${SESSION}`)).json();
    const stored = status.replies.find((r: { id: string }) => r.id === reply.id);
    expect(stored.attachments).toEqual([{ id: attachmentId, name: 'attachment' }]);

    const file = await fileOf(reply.id, attachmentId);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''invoice%204417.pdf",
    );
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);

    expect((await fileOf(reply.id, attachmentId, 'someone-else')).status).toBe(404);
    expect((await fileOf(reply.id, 'a'.repeat(24))).status).toBe(404);
    const noSession = await fetch(
      `${origin}/api/escalations/${ID}/attachments/${reply.id}/${attachmentId}`,
    );
    expect(noSession.status).toBe(400);
  });
});

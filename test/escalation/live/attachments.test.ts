/**
 * A file on a later chat message over real HTTP against the sandbox: created as a Kustomer
 * attachment, uploaded to the form it returns, referenced on the message, and served back
 * byte for byte; an outage or a reset in between neither loses it nor makes a second message,
 * and a file already uploaded is never uploaded again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES } from '../../../src/sandbox/module-roles.js';
import { SANDBOX_API_KEY } from '../../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { escalationRequest } from '../helpers/requests.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

// A real PNG header and then bytes of every value, so any re-encoding shows.
const FILE = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)),
]);
/**
 * The module's key holds only what sending needs (no attachment read); reading the file back is
 * what an agent's session does, with a key of its own.
 */
const AGENT_KEY = 'sandbox-agent-key';
const start = () =>
  createHarness({
    sandbox: {
      keys: [
        { key: SANDBOX_API_KEY, name: 'module', roles: ALL_MODULE_ROLES },
        { key: AGENT_KEY, name: 'agent', roles: ['org.permission.attachment.read'] },
      ],
    },
  });
let seq = 0;
const withFile = (text: string) => ({
  id: `f${++seq}`,
  text,
  at: new Date(Date.now() + seq).toISOString(),
  attachment: {
    name: 'receipt.png',
    contentType: 'image/png' as const,
    data: FILE.toString('base64'),
  },
});

async function escalated(h: Harness) {
  const request = escalationRequest();
  const result = await h.service.escalate(request);
  if (result.status !== 'escalated') throw new Error(`not escalated: ${result.status}`);
  return { request, conversationId: result.conversationId };
}

/** The live messages on the conversation with their attachment ids, in the order they landed. */
const liveOn = (h: Harness, conversationId: string) =>
  h.sandbox
    .state()
    .messages.filter((m) => m.conversationId === conversationId && m.externalId?.includes('~'));

/** Reads the file back as an agent would: the message's attachment, then its download link. */
async function downloaded(h: Harness, messageId: string, attachmentId: string) {
  const read = await fetch(
    `${h.sandbox.url}/v1/messages/${messageId}/attachments/${attachmentId}`,
    {
      headers: { authorization: `Bearer ${AGENT_KEY}` },
    },
  );
  expect(read.status).toBe(200);
  const body = (await read.json()) as {
    data: { attributes: Record<string, unknown>; links: { related: string } };
  };
  expect(body.data.attributes).toMatchObject({
    name: 'receipt.png',
    contentType: 'image/png',
    contentLength: FILE.length,
  });
  const file = await fetch(body.data.links.related);
  expect(file.headers.get('content-type')).toBe('image/png');
  return Buffer.from(await file.arrayBuffer());
}

const uploads = (h: Harness) => h.sandbox.state().attachments.filter((a) => a.data !== null);

describe('attachments on later chat messages', () => {
  it('creates, uploads and references the file: the agent reads back the same bytes', async () => {
    const h = (harness = await start());
    const { request, conversationId } = await escalated(h);
    const sent = withFile('here is the receipt');
    const result = await h.service.chat.send(request.escalationId, request.sessionId, sent);
    expect(result).toMatchObject({ status: 'delivered' });
    const [landed] = liveOn(h, conversationId);
    expect(landed?.preview).toBe('here is the receipt');
    expect(landed?.attachmentIds).toHaveLength(1);
    expect(await downloaded(h, landed!.id, landed!.attachmentIds[0]!)).toEqual(FILE);
    // Delivered: the store no longer holds the file's bytes.
    const stored = (await h.store.records.get(request.escalationId))!.chatMessages![0]!;
    expect(stored.attachment).toMatchObject({ data: null, kustomerId: landed!.attachmentIds[0] });
  });

  it('keeps the file through an outage of the upload and delivers it once after', async () => {
    const h = (harness = await start());
    const { request, conversationId } = await escalated(h);
    h.sandbox.setFaults({ outageUntil: h.now() + 60_000, match: '^POST /uploads/' });
    const sent = withFile('during the outage');
    expect(await h.service.chat.send(request.escalationId, request.sessionId, sent)).toMatchObject({
      status: 'queued',
    });
    expect(liveOn(h, conversationId)).toHaveLength(0);
    expect(uploads(h)).toHaveLength(0);
    h.sandbox.clearFaults();
    h.advance(120_000);
    expect((await h.service.drain()).messagesDelivered).toBe(1);
    const landed = liveOn(h, conversationId);
    expect(landed).toHaveLength(1);
    expect(uploads(h)).toHaveLength(1);
    expect(await downloaded(h, landed[0]!.id, landed[0]!.attachmentIds[0]!)).toEqual(FILE);
  });

  it('after the upload, a failing message create neither uploads again nor makes two messages', async () => {
    const h = (harness = await start());
    const { request, conversationId } = await escalated(h);
    // The message lands but its answer is lost: ambiguous, so the retry must look it up.
    h.sandbox.setFaults({
      resetAfterCommitRate: 1,
      match: '^POST /v1/conversations/[0-9a-f]+/messages$',
    });
    const first = withFile('landed but unanswered');
    expect(await h.service.chat.send(request.escalationId, request.sessionId, first)).toMatchObject(
      {
        status: 'queued',
      },
    );
    // Then Kustomer refuses message creates for a while: the upload is done and must not repeat.
    h.sandbox.setFaults({
      errorRates: { 503: 1 },
      match: '^POST /v1/conversations/[0-9a-f]+/messages$',
    });
    const second = withFile('refused for a while');
    await h.service.chat.send(request.escalationId, request.sessionId, second);
    h.advance(120_000);
    await h.service.drain();
    h.sandbox.clearFaults();
    h.advance(600_000);
    await h.service.drain();
    const landed = liveOn(h, conversationId);
    expect(landed.map((m) => m.preview)).toEqual(['landed but unanswered', 'refused for a while']);
    expect(landed.map((m) => m.attachmentIds.length)).toEqual([1, 1]);
    // One upload per file: the refused creates reused the attachment uploaded before them.
    expect(uploads(h)).toHaveLength(2);
    expect(h.sandbox.state().requests.byRoute['POST /v1/attachments']).toBe(2);
  });
});

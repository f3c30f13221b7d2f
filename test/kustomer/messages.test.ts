/**
 * The transcript on the conversation's timeline: bulk calls of at most 100 messages (and under
 * Kustomer's 100 KB body limit), direction, channel, app, externalId and sentAt kept, and text
 * longer than a preview split into parts that join back to the original exactly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW_MAX, splitText } from '../../src/kustomer/resources/transcript-lines.js';
import type { KustomerClient } from '../../src/kustomer/types.js';
import type { SandboxHandle, SandboxMessage } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime, T0, transcript } from './support/client.js';

let sandbox: SandboxHandle;
let client: KustomerClient;
let conversationId: string;

beforeAll(async () => {
  // Jobs that complete at once (the fastest case a client must handle); bulk-transcript.test.ts
  // covers jobs that take their time.
  sandbox = await startTestSandbox({ bulkJobMs: 0 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  client = buildClient(sandbox, createFakeTime(), { app: 'acme-bot' });
  const customer = await client.customers.create({ email: 'transcript@example.com' });
  conversationId = (await client.conversations.create({ customerId: customer.id, name: 'Help' }))
    .id;
});

const bulkCalls = () => sandbox.state().requests.byRoute['POST /v1/messages/bulk'] ?? 0;
const stored = (): SandboxMessage[] =>
  sandbox.state().messages.filter((m) => m.conversationId === conversationId);

describe('bulk transcript', () => {
  it('sends 150 messages in 2 bulk calls and keeps every field', async () => {
    const lines = transcript(150);
    const result = await client.messages.addTranscript(conversationId, lines);
    expect(result).toEqual({ created: 150, skipped: 0, requests: 4 }); // 2 jobs, read once each
    expect(bulkCalls()).toBe(2);
    const messages = stored();
    expect(messages.map((m) => m.externalId)).toEqual(lines.map((l) => l.externalId));
    expect(messages.map((m) => m.direction)).toEqual(lines.map((l) => l.direction));
    expect(messages.map((m) => m.sentAt)).toEqual(lines.map((l) => l.sentAt));
    expect(messages.map((m) => m.preview)).toEqual(lines.map((l) => l.text));
    expect(new Set(messages.map((m) => `${m.channel}/${m.app}`))).toEqual(
      new Set(['chat/acme-bot']),
    );
    // importedAt exempts the lines from the 120-per-minute-per-customer limit.
    expect(messages.every((m) => m.importedAt !== null)).toBe(true);
  });

  it('never sends more than 100 in one call: 201 messages take 3 calls', async () => {
    // The sandbox rejects a bulk body over 100 items (maxItems in Kustomer's schema).
    await client.messages.addTranscript(conversationId, transcript(201));
    expect(bulkCalls()).toBe(3);
    expect(stored()).toHaveLength(201);
  });

  it('keeps each bulk call under the 100 KB body limit for long lines', async () => {
    const long = transcript(30).map((line, i) => ({ ...line, text: `${i}:`.padEnd(9000, 'é') }));
    const result = await client.messages.addTranscript(conversationId, long);
    expect(result.created).toBe(30);
    expect(bulkCalls()).toBeGreaterThanOrEqual(6); // 30 x ~18 KB of UTF-8
    expect(stored().map((m) => m.preview)).toEqual(long.map((l) => l.text));
  });

  it('sends a single line with one POST on the conversation', async () => {
    const [line] = transcript(1);
    expect(await client.messages.addTranscript(conversationId, [line!])).toEqual({
      created: 1,
      skipped: 0,
      requests: 1,
    });
    expect(sandbox.state().requests.byRoute['POST /v1/conversations/{id}/messages']).toBe(1);
    expect(bulkCalls()).toBe(0);
  });

  it('on resume, skips lines an earlier attempt already created', async () => {
    const lines = transcript(12);
    await client.messages.addTranscript(conversationId, lines.slice(0, 5));
    const result = await client.messages.addTranscript(conversationId, lines, { resume: true });
    expect(result).toEqual({ created: 7, skipped: 5, requests: 3 }); // a list, a job, its batches
    expect(stored().map((m) => m.externalId)).toEqual(lines.map((l) => l.externalId));
  });

  it('on resume, counts every page it read among its requests', async () => {
    const lines = transcript(140);
    await client.messages.addTranscript(conversationId, lines.slice(0, 120));
    const result = await client.messages.addTranscript(conversationId, lines, { resume: true });
    expect(result).toEqual({ created: 20, skipped: 120, requests: 4 }); // 2 pages, a job, its batches
    expect(sandbox.state().requests.byRoute['GET /v1/conversations/{id}/messages']).toBe(2);
  });
});

describe('long text', () => {
  it('splits text longer than a preview into parts that join back exactly', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `word${i} `).join(''); // 16,890 chars
    const lines = [
      { externalId: 'long-1', direction: 'in' as const, text, sentAt: '2026-01-05T09:00:00.000Z' },
      {
        externalId: 'short-2',
        direction: 'out' as const,
        text: 'ok',
        sentAt: '2026-01-05T09:01:00.000Z',
      },
    ];
    const result = await client.messages.addTranscript(conversationId, lines);
    const messages = stored();
    expect(result.created).toBe(3);
    expect(messages.map((m) => m.externalId)).toEqual(['long-1:p1', 'long-1:p2', 'short-2']);
    const parts = messages.slice(0, 2);
    expect(parts.map((m) => m.preview).join('')).toBe(text);
    for (const part of parts) {
      expect(part.preview!.length).toBeLessThanOrEqual(PREVIEW_MAX);
      expect(part.sentAt).toBe('2026-01-05T09:00:00.000Z');
      expect(part.direction).toBe('in');
    }
    expect(parts.map((m) => m.meta)).toEqual([
      { part: 1, parts: 2, of: 'long-1' },
      { part: 2, parts: 2, of: 'long-1' },
    ]);
  });

  it('never splits an emoji, and counts the UTF-16 units a length check sees', async () => {
    const text = '🙂'.repeat(11_000); // 22,000 UTF-16 units
    await client.messages.addTranscript(conversationId, [
      { externalId: 'emoji', direction: 'in', text, sentAt: new Date(T0).toISOString() },
    ]);
    const previews = stored().map((m) => m.preview!);
    expect(previews).toHaveLength(3);
    expect(previews.join('')).toBe(text);
    for (const preview of previews) {
      expect(preview.length).toBeLessThanOrEqual(PREVIEW_MAX);
      expect(preview).toMatch(/^(🙂)+$/u);
    }
  });

  it('leaves text at exactly the limit whole', () => {
    const text = 'a'.repeat(PREVIEW_MAX);
    expect(splitText(text)).toEqual([text]);
    expect(splitText(`${text}b`)).toEqual([text, 'b']);
  });
});

describe('reading back', () => {
  it('lists a conversation across pages of 100', async () => {
    await client.messages.addTranscript(conversationId, transcript(130));
    const messages = await client.messages.listForConversation(conversationId);
    expect(messages).toHaveLength(130);
    expect(messages[129]).toMatchObject({
      externalId: 'line-129',
      direction: 'out',
      channel: 'chat',
      conversationId,
    });
    expect(sandbox.state().requests.byRoute['GET /v1/conversations/{id}/messages']).toBe(2);
  });
});

/**
 * The transcript on the conversation's timeline in as few requests as possible. One line is one
 * POST /v1/conversations/{id}/messages; more go through POST /v1/messages/bulk (≤100 items a
 * call), which Kustomer runs as an asynchronous bulk job, so the job is polled until completed
 * before the transcript counts as synced. Every message carries importedAt, which exempts it from
 * the 120-messages-per-minute-per-customer limit, and an externalId, so `resume` can skip what an
 * earlier, interrupted attempt already created.
 * https://developer.kustomer.com/api/core-resources/create-message-from-conversation
 */
import type { z } from 'zod';
import { KustomerUnavailableError, isNotFoundError, isKustomerError } from '../errors.js';
import { rolesFor } from '../permissions.js';
import { bulkResource, listSchema, messageResource, relatedId, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions, Message, TranscriptMessageInput, TranscriptResult } from '../types.js';
import { collectPages } from './paging.js';
import { toLines, type MessageLine } from './transcript-lines.js';

const BULK_MAX = 100;
/**
 * Kustomer answers 413 past 100 KB for most endpoints
 * (https://developer.kustomer.com/docs/concepts/errors); 100 long lines would be over 1 MB, so a
 * bulk call is also cut by size, with room to spare.
 */
export const BULK_MAX_BYTES = 90 * 1024;
const BULK_POLLS = 8;

/** Consecutive groups of at most BULK_MAX items and BULK_MAX_BYTES of JSON, order kept. */
export function bulkChunks<T>(items: T[], bodyOf: (item: T) => unknown): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // the array's brackets
  for (const body of items) {
    const size = Buffer.byteLength(JSON.stringify(bodyOf(body))) + 1;
    if (current.length > 0 && (current.length >= BULK_MAX || bytes + size > BULK_MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface MessagesDeps {
  transport: Transport;
  app: string;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
}

export function toMessage(resource: z.infer<typeof messageResource>): Message {
  const a = resource.attributes;
  return {
    id: resource.id,
    conversationId: relatedId(resource, 'conversation'),
    customerId: relatedId(resource, 'customer'),
    direction: a.direction,
    channel: a.channel,
    app: a.app,
    preview: a.preview,
    externalId: a.externalId,
    sentAt: a.sentAt,
    createdAt: a.createdAt,
    importedAt: a.importedAt,
    status: a.status,
    auto: a.auto,
  };
}

export function createMessages({ transport, app, clock, sleep }: MessagesDeps) {
  const createRoles = rolesFor('message.create');

  function body(line: MessageLine, conversationId?: string): Record<string, unknown> {
    return {
      channel: 'chat',
      app,
      direction: line.direction,
      preview: line.preview,
      externalId: line.externalId,
      sentAt: line.sentAt,
      importedAt: new Date(clock()).toISOString(),
      ...(line.meta ? { meta: line.meta } : {}),
      ...(conversationId ? { conversation: conversationId } : {}),
    };
  }

  async function createOne(
    conversationId: string,
    line: MessageLine,
    options: CallOptions,
  ): Promise<void> {
    await transport.call({
      ...options,
      method: 'POST',
      path: `/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      route: '/v1/conversations/{id}/messages',
      body: body(line),
      schema: singleSchema(messageResource),
      roles: createRoles,
    });
  }

  /** One bulk job; returns the requests it took (the post and any polls). */
  async function createBulk(
    bodies: Record<string, unknown>[],
    options: CallOptions,
  ): Promise<number> {
    const posted = await transport.call({
      ...options,
      method: 'POST',
      path: '/v1/messages/bulk',
      route: '/v1/messages/bulk',
      body: bodies,
      schema: singleSchema(bulkResource),
      roles: createRoles,
    });
    let job = posted.data;
    let requests = 1;
    for (
      let poll = 0;
      job.attributes.completed !== true && job.attributes.status !== 'completed';
      poll += 1
    ) {
      if (poll >= BULK_POLLS) {
        throw new KustomerUnavailableError(`Kustomer bulk job ${job.id} did not complete in time`, {
          method: 'GET',
          path: '/v1/bulk/{id}',
        });
      }
      await sleep(Math.min(2000, 100 * 2 ** poll));
      const polled = await transport.call({
        ...options,
        method: 'GET',
        path: `/v1/bulk/${encodeURIComponent(job.id)}`,
        route: '/v1/bulk/{id}',
        schema: singleSchema(bulkResource),
      });
      job = polled.data;
      requests += 1;
    }
    return requests;
  }

  async function listForConversation(
    conversationId: string,
    options: CallOptions = {},
    stats?: { pages: number },
  ): Promise<Message[]> {
    const resources = await collectPages(
      transport,
      {
        ...options,
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
        route: '/v1/conversations/{id}/messages',
        query: { pageSize: 100 },
        schema: listSchema(messageResource),
        roles: rolesFor('message.read'),
      },
      stats,
    );
    return resources.map(toMessage);
  }

  return {
    listForConversation: (conversationId: string, options?: CallOptions) =>
      listForConversation(conversationId, options),
    async addTranscript(
      conversationId: string,
      messages: TranscriptMessageInput[],
      options: CallOptions & { resume?: boolean } = {},
    ): Promise<TranscriptResult> {
      const { resume, ...callOptions } = options;
      let lines = toLines(messages);
      let requests = 0;
      let skipped = 0;
      if (resume && lines.length > 0) {
        const listed = { pages: 0 };
        const existing = await listForConversation(conversationId, callOptions, listed);
        requests += listed.pages;
        const seen = new Set(existing.map((m) => m.externalId));
        skipped = lines.filter((line) => seen.has(line.externalId)).length;
        lines = lines.filter((line) => !seen.has(line.externalId));
      }
      if (lines.length === 1) {
        await createOne(conversationId, lines[0]!, callOptions);
        return { created: 1, skipped, requests: requests + 1 };
      }
      const items = lines.map((line) => ({ line, body: body(line, conversationId) }));
      for (const group of bulkChunks(items, (item) => item.body)) {
        const chunk = group.map((item) => item.line);
        try {
          requests += await createBulk(
            group.map((item) => item.body),
            callOptions,
          );
        } catch (error) {
          // An org or gateway without the bulk route: fall back to one request per message.
          if (!isNotFoundError(error) && !(isKustomerError(error) && error.status === 405))
            throw error;
          for (const line of chunk) await createOne(conversationId, line, callOptions);
          requests += chunk.length + 1;
        }
      }
      return { created: lines.length, skipped, requests };
    },
  };
}

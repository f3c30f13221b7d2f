/**
 * Messages on a conversation: one line is one POST /v1/conversations/{id}/messages; a transcript
 * goes through transcript-sync.ts (bulk jobs, followed until their lines are on the timeline).
 * Every message carries importedAt, which exempts it from the 120-messages-per-minute-per-customer
 * limit, and an externalId, so a resumed sync can skip what an earlier attempt already created.
 * https://developer.kustomer.com/api/core-resources/create-message-from-conversation
 */
import type { z } from 'zod';
import { rolesFor } from '../permissions.js';
import { listSchema, messageResource, relatedId, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions, Message } from '../types.js';
import { bulkJobSchema, createBulkTiming, type PendingBulkJob } from './bulk-jobs.js';
import { collectPages } from './paging.js';
import type { MessageLine } from './transcript-lines.js';
import { createTranscriptSync } from './transcript-sync.js';

export { BULK_MAX_BYTES, bulkChunks } from './transcript-sync.js';

export interface MessagesDeps {
  transport: Transport;
  app: string;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  expectedBulkJobMs?: number;
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

export function createMessages({ transport, app, clock, sleep, expectedBulkJobMs }: MessagesDeps) {
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
      ...(line.auto ? { auto: true } : {}),
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
      route: '/v1/conversations/{id}/messages',
      params: { id: conversationId },
      body: body(line),
      schema: singleSchema(messageResource),
      roles: createRoles,
    });
  }

  /** Sends one bulk job (≤100 items) and answers what is needed to follow it. */
  async function postBulk(
    bodies: Record<string, unknown>[],
    options: CallOptions,
  ): Promise<PendingBulkJob> {
    const postedAt = new Date(clock()).toISOString();
    const posted = await transport.call({
      ...options,
      method: 'POST',
      route: '/v1/messages/bulk',
      body: bodies,
      schema: bulkJobSchema,
      roles: createRoles,
    });
    const createdAt = posted.data.attributes?.createdAt ?? null;
    const acceptedAt = new Date(clock()).toISOString();
    return { id: posted.data.id, postedAt, count: bodies.length, acceptedAt, createdAt };
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
        route: '/v1/conversations/{id}/messages',
        params: { id: conversationId },
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
    addTranscript: createTranscriptSync({
      transport,
      clock,
      sleep,
      timing: createBulkTiming(expectedBulkJobMs),
      createOne: (conversationId, line, options) => createOne(conversationId, line, options),
      postBulk: (conversationId, lines, options) =>
        postBulk(
          lines.map((line) => body(line, conversationId)),
          options,
        ),
      bodyOf: (conversationId, line) => body(line, conversationId),
      list: (conversationId, options, stats) => listForConversation(conversationId, options, stats),
    }),
  };
}

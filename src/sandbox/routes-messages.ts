/**
 * Messages, notes, bulk jobs, teams and the current token.
 * https://developer.kustomer.com/api/core-resources/create-message-from-conversation
 * Bulk message creation is an asynchronous job in Kustomer; the sandbox completes it at once and
 * answers with the job already `completed`, the fastest case a client must handle.
 */
import { objectId } from './data.js';
import { messageResource, noteResource, page, teamResource } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import {
  checkBody,
  iso,
  notFound,
  objectBody,
  perCustomer,
  type Route,
  type RouteContext,
} from './route-types.js';
import type { SandboxConversation, SandboxMessage } from './types.js';

const MESSAGE_CREATE = ['org.permission.message.create', 'org.user.message.write'];
const MESSAGE_READ = ['org.permission.message.read', 'org.user.message.read'];
// The spec prints org.user.note.read as the legacy role for creating a note in a conversation,
// most likely a typo for .write; both are accepted.
const NOTE_CREATE = ['org.permission.note.create', 'org.user.note.write', 'org.user.note.read'];
const NOTE_READ = ['org.permission.note.read', 'org.user.note.read'];

type MessageBody = {
  channel: string;
  app: string;
  direction?: 'in' | 'out';
  preview?: string;
  externalId?: string;
  sentAt?: string;
  importedAt?: string;
  meta?: Record<string, unknown>;
  conversation?: string;
};

function newMessage(
  ctx: RouteContext,
  conversation: SandboxConversation,
  body: MessageBody,
): SandboxMessage {
  return {
    id: objectId(),
    conversationId: conversation.id,
    customerId: conversation.customerId,
    channel: body.channel,
    app: body.app,
    direction: body.direction ?? 'in',
    preview: body.preview ?? null,
    externalId: body.externalId ?? null,
    sentAt: body.sentAt ?? null,
    importedAt: body.importedAt ?? null,
    meta: body.meta ?? {},
    createdAt: iso(ctx.core),
  };
}

function addOne(ctx: RouteContext, conversationId: string, body: MessageBody) {
  const conversation = ctx.core.store.conversation(conversationId) ?? notFound('conversation');
  perCustomer(ctx.core, 'message', conversation.customerId, Boolean(body.importedAt));
  const message = newMessage(ctx, conversation, body);
  ctx.core.store.data.messages.push(message);
  return { status: 201, body: { data: messageResource(message) } };
}

function bulkResource(job: { id: string; ids: string[]; createdAt: string }) {
  return {
    type: 'bulk',
    id: job.id,
    attributes: {
      ids: job.ids,
      context: 'message',
      status: 'completed',
      completed: true,
      v2: true,
      createdAt: job.createdAt,
      updatedAt: job.createdAt,
    },
    links: { self: `/v1/bulk/${job.id}` },
  };
}

export const messageRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/conversations\/([0-9a-f]{24})\/messages$/,
    name: 'POST /v1/conversations/{id}/messages',
    roles: MESSAGE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'message.create', ctx.body);
      return addOne(ctx, ctx.params[0]!, objectBody(ctx.body) as MessageBody);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/messages$/,
    name: 'POST /v1/messages',
    roles: MESSAGE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'message.createStandalone', ctx.body);
      const body = objectBody(ctx.body) as MessageBody;
      if (!body.conversation)
        throw new SandboxHttpError(
          400,
          'bad_request',
          '/conversation is required by the sandbox',
          '/conversation',
        );
      return addOne(ctx, body.conversation, body);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/messages\/bulk$/,
    name: 'POST /v1/messages/bulk',
    roles: MESSAGE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'message.bulk', ctx.body);
      if (!Array.isArray(ctx.body))
        throw new SandboxHttpError(400, 'bad_request', 'the body must be an array', '/');
      const items = ctx.body as MessageBody[];
      // Validate every item before writing any, so a rejected job leaves nothing behind.
      const targets = items.map((item, i) => {
        const conversation = item.conversation
          ? ctx.core.store.conversation(item.conversation)
          : null;
        if (!conversation)
          throw new SandboxHttpError(
            400,
            'bad_request',
            `/${i}/conversation must name an existing conversation`,
            `/${i}/conversation`,
          );
        return conversation;
      });
      const messages = items.map((item, i) => {
        perCustomer(ctx.core, 'message', targets[i]!.customerId, Boolean(item.importedAt));
        return newMessage(ctx, targets[i]!, item);
      });
      ctx.core.store.data.messages.push(...messages);
      const job = { id: objectId(), ids: messages.map((m) => m.id), createdAt: iso(ctx.core) };
      ctx.core.store.data.bulkJobs.push(job);
      return { status: 200, body: { data: bulkResource(job) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/bulk\/([0-9a-f]{24})$/,
    name: 'GET /v1/bulk/{id}',
    roles: null,
    handle: ({ params, core }) => ({
      status: 200,
      body: {
        data: bulkResource(
          core.store.data.bulkJobs.find((j) => j.id === params[0]) ?? notFound('bulk job'),
        ),
      },
    }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/conversations\/([0-9a-f]{24})\/messages$/,
    name: 'GET /v1/conversations/{id}/messages',
    roles: MESSAGE_READ,
    handle(ctx) {
      const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
      const messages = ctx.core.store.data.messages
        .filter((m) => m.conversationId === conversation.id)
        .map(messageResource);
      return { status: 200, body: page(messages, ctx.path, ctx.query, 100) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/conversations\/([0-9a-f]{24})\/notes$/,
    name: 'POST /v1/conversations/{id}/notes',
    roles: NOTE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'note.create', ctx.body);
      const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
      const body = objectBody(ctx.body) as { body: string; externalId?: string };
      perCustomer(ctx.core, 'note', conversation.customerId, false);
      const note = {
        id: objectId(),
        conversationId: conversation.id,
        customerId: conversation.customerId,
        body: body.body,
        externalId: body.externalId ?? null,
        createdAt: iso(ctx.core),
      };
      ctx.core.store.data.notes.push(note);
      return { status: 201, body: { data: noteResource(note) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/conversations\/([0-9a-f]{24})\/notes$/,
    name: 'GET /v1/conversations/{id}/notes',
    roles: NOTE_READ,
    handle(ctx) {
      const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
      const notes = ctx.core.store.data.notes
        .filter((n) => n.conversationId === conversation.id)
        .map(noteResource);
      return { status: 200, body: page(notes, ctx.path, ctx.query, 100) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/teams$/,
    name: 'GET /v1/teams',
    roles: ['org.permission.team.read'],
    handle: (ctx) => ({
      status: 200,
      body: page(ctx.core.store.data.teams.map(teamResource), ctx.path, ctx.query, 500),
    }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/auth\/tokens\/current$/,
    name: 'GET /v1/auth/tokens/current',
    roles: null,
    handle: ({ key }) => ({
      status: 200,
      body: {
        data: {
          type: 'auth_token',
          id: '5b0000000000000000000001',
          attributes: {
            name: key.name,
            roles: key.roles,
            lastTokenChars: 'test',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
          relationships: {
            org: {
              links: { self: '/v1/orgs/5a0000000000000000000001' },
              data: { type: 'org', id: '5a0000000000000000000001' },
            },
            user: {
              links: { self: '/v1/users/5c0000000000000000000001' },
              data: { type: 'user', id: '5c0000000000000000000001' },
            },
          },
          links: { self: '/v1/auth/tokens/current' },
        },
      },
    }),
  },
];

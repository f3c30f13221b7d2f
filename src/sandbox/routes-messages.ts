/**
 * Messages on a conversation, one at a time, and reading a conversation's messages.
 * https://developer.kustomer.com/api/core-resources/create-message-from-conversation
 */
import { objectId } from './data.js';
import { referencedAttachments } from './routes-attachments.js';
import { MESSAGE_CREATE } from './route-roles.js';
import { conversationResource, messageResource } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import {
  checkBody,
  conversationChildren,
  iso,
  notFound,
  objectBody,
  perCustomer,
  type Route,
  type RouteContext,
  type SandboxCore,
} from './route-types.js';
import type { SandboxConversation, SandboxMessage } from './types.js';

const MESSAGE_READ = ['org.permission.message.read', 'org.user.message.read'];

export type MessageBody = {
  channel: string;
  app: string;
  direction?: 'in' | 'out';
  preview?: string;
  externalId?: string;
  sentAt?: string;
  importedAt?: string;
  /** Automation-generated (Kustomer's `auto`): not a person's reply. */
  auto?: boolean;
  meta?: Record<string, unknown>;
  conversation?: string;
  attachments?: unknown;
};

/** A message as Kustomer stores it, on the conversation's customer; single and bulk creates share it. */
export function newMessage(
  core: SandboxCore,
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
    ...(body.auto === true ? { auto: true } : {}),
    meta: body.meta ?? {},
    createdAt: iso(core),
    attachmentIds: referencedAttachments(core, body.attachments),
  };
}

/**
 * A customer message reopens a done conversation
 * (https://developer.kustomer.com/docs/concepts/conversations-and-messages: "a customer reply
 * reopens a done conversation"), which Kustomer announces as a conversation update. An imported
 * message is a record of the past and leaves the status alone.
 */
function reopenIfDone(ctx: RouteContext, conversation: SandboxConversation): void {
  if (conversation.status !== 'done') return;
  conversation.status = 'open';
  conversation.updatedAt = iso(ctx.core);
  ctx.core.emit('kustomer.conversation.update', conversationResource(conversation), {
    attributes: { status: { before: 'done', after: 'open' } },
  });
}

function addOne(ctx: RouteContext, conversationId: string, body: MessageBody) {
  const conversation = ctx.core.store.conversation(conversationId) ?? notFound('conversation');
  perCustomer(ctx.core, 'message', conversation.customerId, Boolean(body.importedAt));
  const message = newMessage(ctx.core, conversation, body);
  ctx.core.store.data.messages.push(message);
  if (message.direction === 'in' && !message.importedAt) reopenIfDone(ctx, conversation);
  return { status: 201, body: { data: messageResource(message) } };
}

export const messageRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/conversations/{id}/messages',
    roles: MESSAGE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'message.create', ctx.body);
      return addOne(ctx, ctx.params[0]!, objectBody(ctx.body) as MessageBody);
    },
  },
  {
    method: 'POST',
    path: '/v1/messages',
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
    method: 'GET',
    path: '/v1/conversations/{id}/messages',
    roles: MESSAGE_READ,
    handle: (ctx) => conversationChildren(ctx, (data) => data.messages, messageResource),
  },
];

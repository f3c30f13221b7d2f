/**
 * What a human agent does in Kustomer, done by the sandbox on request: reply to a conversation and
 * close it. Each lands in the store and goes out as the webhook event Kustomer would send, so the
 * module's reply and close handling is exercised end to end without a Kustomer account.
 */
import { objectId } from './data.js';
import { conversationResource, messageResource } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import type { SandboxRuntime } from './sandbox-runtime.js';
import type { SandboxConversation, SandboxMessage } from './types.js';
import { deliverEvent } from './webhooks.js';

function conversationOrThrow(rt: SandboxRuntime, id: string): SandboxConversation {
  const conversation = rt.core.store.conversation(id);
  if (!conversation) throw new SandboxHttpError(404, 'not_found', 'conversation not found');
  return conversation;
}

export async function agentReply(
  rt: SandboxRuntime,
  conversationId: string,
  text: string,
): Promise<SandboxMessage> {
  const conversation = conversationOrThrow(rt, conversationId);
  const at = new Date(rt.now()).toISOString();
  const message: SandboxMessage = {
    id: objectId(),
    conversationId,
    customerId: conversation.customerId,
    channel: 'chat',
    app: 'kustomer',
    direction: 'out',
    preview: text,
    externalId: null,
    sentAt: at,
    importedAt: null,
    meta: { author: 'Sandbox Agent' },
    createdAt: at,
    attachmentIds: [],
  };
  rt.core.store.data.messages.push(message);
  await deliverEvent(rt.webhook, 'kustomer.message.create', messageResource(message), null, rt.log);
  return message;
}

export async function closeConversation(rt: SandboxRuntime, conversationId: string): Promise<void> {
  const conversation = conversationOrThrow(rt, conversationId);
  const before = conversation.status;
  conversation.status = 'done';
  conversation.updatedAt = new Date(rt.now()).toISOString();
  await deliverEvent(
    rt.webhook,
    'kustomer.conversation.update',
    conversationResource(conversation),
    { attributes: { status: { before, after: 'done' } } },
    rt.log,
  );
}

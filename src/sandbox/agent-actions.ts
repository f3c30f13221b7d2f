/**
 * What a human agent does in Kustomer, done by the sandbox on request: reply to a conversation and
 * close it. Each lands in the store and goes out as the webhook event Kustomer would send, so the
 * module's reply and close handling is exercised end to end without a Kustomer account.
 */
import { objectId } from './data.js';
import { conversationResource, messageResource } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import type { SandboxRuntime } from './sandbox-runtime.js';
import type { SandboxAttachment, SandboxConversation, SandboxMessage } from './types.js';

function conversationOrThrow(rt: SandboxRuntime, id: string): SandboxConversation {
  const conversation = rt.core.store.conversation(id);
  if (!conversation) throw new SandboxHttpError(404, 'not_found', 'conversation not found');
  return conversation;
}

/** A file an agent sends with a reply (in Kustomer, uploaded from the agent desktop). */
export interface AgentFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

function storeAgentFile(rt: SandboxRuntime, file: AgentFile, at: string): SandboxAttachment {
  const attachment: SandboxAttachment = {
    id: objectId(),
    name: file.name,
    contentType: file.contentType,
    contentLength: file.bytes.length,
    policy: objectId(),
    data: Buffer.from(file.bytes).toString('base64'),
    createdAt: at,
  };
  rt.core.store.data.attachments.push(attachment);
  return attachment;
}

export async function agentReply(
  rt: SandboxRuntime,
  conversationId: string,
  text: string,
  files: AgentFile[] = [],
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
    attachmentIds: files.map((file) => storeAgentFile(rt, file, at).id),
  };
  rt.core.store.data.messages.push(message);
  await rt.hooks.deliver('kustomer.message.create', messageResource(message), null);
  return message;
}

export async function closeConversation(rt: SandboxRuntime, conversationId: string): Promise<void> {
  const conversation = conversationOrThrow(rt, conversationId);
  const before = conversation.status;
  conversation.status = 'done';
  conversation.updatedAt = new Date(rt.now()).toISOString();
  await rt.hooks.deliver('kustomer.conversation.update', conversationResource(conversation), {
    attributes: { status: { before, after: 'done' } },
  });
}

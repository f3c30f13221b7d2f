/**
 * A message the customer types after the hand-off, recorded live on the conversation: direction
 * "in" and no importedAt, as Kustomer's custom-channel guide posts each new customer message
 * (https://developer.kustomer.com/docs/guides/custom-channel-messages). Without importedAt it
 * counts against the 120 messages a minute per customer (a 429 past it, create-message), and as
 * a customer message it reopens a conversation marked done
 * (https://developer.kustomer.com/docs/concepts/conversations-and-messages); imported messages
 * are a record of the past.
 */
import { rolesFor } from '../permissions.js';
import { messageResource, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions, LiveMessageInput, Message } from '../types.js';
import { toMessage } from './messages.js';

export function createLiveMessages({ transport, app }: { transport: Transport; app: string }) {
  return {
    async createLive(
      conversationId: string,
      input: LiveMessageInput,
      options: CallOptions = {},
    ): Promise<Message> {
      const posted = await transport.call({
        ...options,
        method: 'POST',
        route: '/v1/conversations/{id}/messages',
        params: { id: conversationId },
        body: {
          channel: 'chat',
          app,
          direction: 'in',
          preview: input.text,
          externalId: input.externalId,
          sentAt: input.sentAt,
          ...(input.meta ? { meta: input.meta } : {}),
          ...(input.attachments?.length ? { attachments: input.attachments } : {}),
        },
        schema: singleSchema(messageResource),
        roles: rolesFor('message.create'),
      });
      return toMessage(posted.data);
    },
  };
}

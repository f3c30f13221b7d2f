/**
 * What a signed Kustomer webhook event means for the module, decided from the parts it needs and
 * nothing else. Kustomer's event data is the resource as `GET` returns it
 * (https://developer.kustomer.com/docs/events/event-catalog), so it is read with the same tolerant
 * schemas as API answers: unknown fields, null or list relationships and events the module does
 * not handle are `ignored`, never an error. Kustomer retries a failing delivery for about an hour
 * and may then disable the webhook (https://developer.kustomer.com/docs/events/delivery-and-retries),
 * so a shape the module does not understand must still be answered 2xx.
 */
import { conversationResource, messageResource, relatedId } from '../kustomer/schemas.js';
import { replyAttachments } from './reply-attachments.js';
import type { AgentReplyEvent, ConversationClosedEvent } from './types.js';

export type WebhookEvent =
  | { kind: 'agent-reply'; event: AgentReplyEvent }
  | { kind: 'conversation-update'; event: ConversationClosedEvent }
  | { kind: 'ignored'; reason: string };

export interface WebhookEventContext {
  /** Our KUSTOMER_APP: the transcript lines the module itself wrote come back with it. */
  ownApp: string;
  /** The event id when the envelope has none (a hash of the raw body: stable across retries). */
  fallbackId: string;
  /** Now, for an event without any timestamp. */
  now: () => string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * Why a `kustomer.message.create` is not a reply a person in Kustomer wrote to this customer,
 * or null when it is one. The custom-channel guide delivers `direction: "out"` messages as agent
 * replies (https://developer.kustomer.com/docs/guides/custom-channel-messages); of those, the
 * module leaves out what the recorded events show is not a person answering now:
 * - our own transcript lines (app = KUSTOMER_APP; the bot's lines are `out` too);
 * - imported messages (`importedAt`): history copied in, not said live;
 * - automation (`auto: true`): auto-responses, satisfaction surveys, AI-agent messages, which
 *   Kustomer itself leaves out of reporting (Core Resources spec, message `auto`);
 * - failed deliveries (`status: "error"`): the channel never carried it to the customer, and
 *   the agent re-sends it as a new message, which is the one shown.
 */
export function notAnAgentReply(
  message: {
    direction: string | null;
    app: string | null;
    importedAt: string | null;
    auto: boolean;
    status: string | null;
  },
  ownApp: string,
): string | null {
  if (message.direction !== 'out') return 'not outbound';
  if (message.app === ownApp) return 'written by this module';
  if (message.importedAt) return 'imported';
  if (message.auto) return 'automated';
  if (message.status === 'error') return 'delivery failed';
  return null;
}

function messageEvent(eventId: string, data: unknown, ctx: WebhookEventContext): WebhookEvent {
  const parsed = messageResource.safeParse(data);
  if (!parsed.success) return { kind: 'ignored', reason: 'message without an id' };
  const message = parsed.data;
  const a = message.attributes;
  const why = notAnAgentReply(a, ctx.ownApp);
  if (why) return { kind: 'ignored', reason: why };
  const conversationId = relatedId(message, 'conversation');
  if (!conversationId) return { kind: 'ignored', reason: 'no conversation' };
  const author = text(a.meta.author);
  const attachments = replyAttachments(data);
  return {
    kind: 'agent-reply',
    event: {
      eventId,
      conversationId,
      messageId: message.id,
      text: a.preview ?? '',
      at: text(a.sentAt) ?? text(a.createdAt) ?? ctx.now(),
      author,
      ...(attachments.length ? { attachments } : {}),
    },
  };
}

function conversationEvent(eventId: string, data: unknown, ctx: WebhookEventContext): WebhookEvent {
  const parsed = conversationResource.safeParse(data);
  if (!parsed.success) return { kind: 'ignored', reason: 'conversation without an id' };
  const { id, attributes } = parsed.data;
  if (!attributes.status) return { kind: 'ignored', reason: 'no known status' };
  return {
    kind: 'conversation-update',
    event: {
      eventId,
      conversationId: id,
      status: attributes.status,
      at: text(attributes.updatedAt) ?? ctx.now(),
    },
  };
}

/** The event in a parsed webhook body; anything it does not understand is `ignored`. */
export function parseWebhookEvent(body: unknown, ctx: WebhookEventContext): WebhookEvent {
  if (!isObject(body)) return { kind: 'ignored', reason: 'not an event' };
  const eventId = text(body.id)?.slice(0, 200) ?? ctx.fallbackId;
  if (body.name === 'kustomer.message.create') return messageEvent(eventId, body.data, ctx);
  if (body.name === 'kustomer.conversation.update')
    return conversationEvent(eventId, body.data, ctx);
  return { kind: 'ignored', reason: 'not a handled event' };
}

/**
 * The files on an agent's reply, as a `kustomer.message.create` event carries them. The event's
 * data is the message as GET returns it (https://developer.kustomer.com/docs/events/event-catalog),
 * which relates its files as `relationships.attachments` (ids only); the create-message body
 * (and so some payloads) lists them as `attributes.attachments` items with `_id` and `name`.
 * Both are read; a file known only by id is named "attachment". The bytes are fetched only when
 * the customer opens the link, through GET /v1/messages/{id}/attachments/{id}.
 */
import type { AgentReply } from '../shared/escalation.js';

type ReplyAttachment = NonNullable<AgentReply['attachments']>[number];

/** Kustomer ids are 24 hex digits; anything else cannot be asked for and is left out. */
const OBJECT_ID = /^[0-9a-f]{24}$/;
const MAX_FILES = 20;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

export function replyAttachments(data: unknown): ReplyAttachment[] {
  if (!isObject(data)) return [];
  const named = new Map<string, string>();
  const attributes = isObject(data.attributes) ? data.attributes : {};
  for (const item of listOf(attributes.attachments)) {
    if (!isObject(item)) continue;
    const id = typeof item._id === 'string' ? item._id : item.id;
    if (typeof id === 'string' && OBJECT_ID.test(id))
      named.set(
        id,
        typeof item.name === 'string' && item.name ? item.name.slice(0, 255) : 'attachment',
      );
  }
  const relationships = isObject(data.relationships) ? data.relationships : {};
  const related = isObject(relationships.attachments) ? relationships.attachments.data : undefined;
  for (const item of listOf(related)) {
    if (
      isObject(item) &&
      typeof item.id === 'string' &&
      OBJECT_ID.test(item.id) &&
      !named.has(item.id)
    )
      named.set(item.id, 'attachment');
  }
  return [...named].slice(0, MAX_FILES).map(([id, name]) => ({ id, name }));
}

/**
 * zod schemas for Kustomer's JSON:API-style response envelope
 * (https://developer.kustomer.com/docs/concepts/pagination): `{ data: { type, id, attributes,
 * relationships, links } }`, lists with `links.next`.
 *
 * Tolerant by design: only the fields the module reads are looked at, each read as the value it
 * needs or a neutral default (null, [], {}); unknown attributes and relationships pass untouched.
 * Kustomer's own examples and recorded events carry relationships that are null
 * (`deletedBy: null`), links-only (`messages: { links }`) or lists (`userMentions: { data: [..] }`),
 * `type: "customers"` beside `"customer"`, tags as ids, and no `priority` on some conversations
 * (test/fixtures/kustomer/). The only schema error is a missing field the module cannot do without
 * (a resource id, a team name, a token's roles), and it names that field.
 */
import { z } from 'zod';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A field read by `read` whatever Kustomer sent, absent included (zod 4 needs `.optional()` before
 * the transform for an absent key to reach it).
 */
const lenient = <T>(read: (value: unknown) => T) => z.unknown().optional().transform(read);

/** An optional string: absent, null or any other type reads as null. */
export const text = lenient((v): string | null => (typeof v === 'string' ? v : null));

/** An optional number (priority 1-5, counts): anything else reads as null. */
const numeric = lenient((v): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null,
);

/** A list of strings (tags may be names or ids); other items are dropped, a non-list is []. */
const strings = lenient((v): string[] =>
  Array.isArray(v) ? v.filter((item): item is string => typeof item === 'string') : [],
);

/** The `key` string of each object in a list (`emails[].email`); items without one are dropped. */
function plucked(key: string) {
  return lenient((v): string[] =>
    Array.isArray(v)
      ? v.flatMap((item) => (isObject(item) && typeof item[key] === 'string' ? [item[key]] : []))
      : [],
  );
}

/** A free object (`custom`): anything else reads as {}. */
const freeObject = lenient((v): Json => (isObject(v) ? v : {}));

/** One of the given values, else null: a status Kustomer adds later is not a reason to fail. */
function oneOf<const T extends string>(values: readonly T[]) {
  return lenient((v): T | null =>
    typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null,
  );
}

export function resourceSchema<A extends z.ZodType>(attributes: A) {
  return z.object({
    id: z.string().min(1),
    attributes: z.preprocess((v) => (isObject(v) ? v : {}), attributes),
    relationships: lenient((v): Json => (isObject(v) ? v : {})),
  });
}

export function singleSchema<R extends z.ZodType>(resource: R) {
  return z.object({ data: resource });
}

export function listSchema<R extends z.ZodType>(resource: R) {
  return z.object({
    data: z.array(resource),
    links: lenient((v) => ({ next: isObject(v) && typeof v.next === 'string' ? v.next : null })),
  });
}

export const customerAttributes = z.object({
  name: text,
  displayName: text,
  emails: plucked('email'),
  phones: plucked('phone'),
  externalId: text,
  tags: strings,
  custom: freeObject,
  conversationCounts: lenient((v): Record<string, number> | null =>
    isObject(v)
      ? (Object.fromEntries(Object.entries(v).filter(([, n]) => typeof n === 'number')) as Record<
          string,
          number
        >)
      : null,
  ),
  updatedAt: text,
});
export const customerResource = resourceSchema(customerAttributes);

export const CONVERSATION_STATUSES = ['open', 'snoozed', 'done'] as const;

export const conversationAttributes = z.object({
  name: text,
  status: oneOf(CONVERSATION_STATUSES),
  priority: numeric,
  assignedTeams: strings,
  tags: strings,
  externalId: text,
  custom: freeObject,
  createdAt: text,
  updatedAt: text,
});
export const conversationResource = resourceSchema(conversationAttributes);

export const messageAttributes = z.object({
  direction: oneOf(['in', 'out'] as const),
  channel: text,
  app: text,
  preview: text,
  externalId: text,
  sentAt: text,
  createdAt: text,
  importedAt: text,
  status: text,
  auto: lenient((v) => v === true),
  meta: freeObject,
});
export const messageResource = resourceSchema(messageAttributes);

export const noteAttributes = z.object({ body: text, externalId: text });
export const noteResource = resourceSchema(noteAttributes);

/** A team is listed by name: a team with neither name nor displayName is a schema error. */
export const teamAttributes = z
  .object({ name: text, displayName: text })
  .refine((a) => Boolean(a.displayName || a.name), {
    message: 'a team needs a name or displayName',
    path: ['name'],
  });
export const teamResource = resourceSchema(teamAttributes);

export const tokenAttributes = z.object({
  name: text,
  roles: z.array(z.unknown()).transform((v) => v.filter((r): r is string => typeof r === 'string')),
  lastTokenChars: text,
});
export const tokenResource = resourceSchema(tokenAttributes);

/** POST /v1/messages/bulk and GET /v1/bulk/{id}: an asynchronous bulk operation. */
export const bulkResource = resourceSchema(
  z.object({
    status: text,
    completed: lenient((v) => v === true),
    ids: lenient((v): unknown[] => (Array.isArray(v) ? v : [])),
  }),
);

/**
 * The id a relationship points at. A relationship may be null, links-only (no `data`), one
 * `{ type, id }` or a list of them (the first is taken); its `type` is not checked, as Kustomer
 * writes `customer` and `customers` alike.
 */
export function relatedId(resource: { relationships: Json }, name: string): string | null {
  const relation = resource.relationships[name];
  const data = isObject(relation) ? relation.data : undefined;
  const first = Array.isArray(data) ? data[0] : data;
  return isObject(first) && typeof first.id === 'string' && first.id ? first.id : null;
}

/** Every id a list relationship points at (`userMentions`), [] when there is none. */
export function relatedIds(resource: { relationships: Json }, name: string): string[] {
  const relation = resource.relationships[name];
  const data = isObject(relation) ? relation.data : undefined;
  const items = Array.isArray(data) ? data : [data];
  return items.flatMap((item) => (isObject(item) && typeof item.id === 'string' ? [item.id] : []));
}

/**
 * An outbound webhook (https://developer.kustomer.com/api/apps-platform/list-outbound-webhooks):
 * the fields provisioning reads. `token`, the signing key, may be absent (lists need not carry
 * it); `enabled` absent reads as null.
 */
export const outboundWebhookResource = resourceSchema(
  z.object({
    name: text,
    url: text,
    events: strings,
    enabled: lenient((v): boolean | null => (typeof v === 'boolean' ? v : null)),
    token: text,
    headers: lenient((v): { name: string; value: string }[] =>
      Array.isArray(v)
        ? v.flatMap((h) =>
            isObject(h) && typeof h.name === 'string' && typeof h.value === 'string'
              ? [{ name: h.name, value: h.value }]
              : [],
          )
        : [],
    ),
  }),
);

/** GET /v1/outbound-webhooks/events: `{ events: [...] }` in the event catalog's example. */
export const subscribableEventsSchema = z.object({ events: strings });

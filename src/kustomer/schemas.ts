/**
 * zod schemas for Kustomer's JSON:API-style response envelope
 * (https://developer.kustomer.com/docs/concepts/pagination): `{ data: { type, id, attributes,
 * relationships, links } }`, lists with `links.next`. Unknown attributes are ignored so that new
 * fields Kustomer adds never break parsing; the ones we use are checked.
 */
import { z } from 'zod';

const relationship = z
  .object({ data: z.object({ type: z.string().optional(), id: z.string() }).nullable().optional() })
  .optional();

export function resourceSchema<A extends z.ZodType>(attributes: A) {
  return z.object({
    type: z.string().optional(),
    id: z.string().min(1),
    attributes,
    relationships: z.record(z.string(), relationship).optional(),
  });
}

export function singleSchema<R extends z.ZodType>(resource: R) {
  return z.object({ data: resource });
}

export function listSchema<R extends z.ZodType>(resource: R) {
  return z.object({
    data: z.array(resource),
    links: z.object({ next: z.string().nullable().optional() }).optional(),
  });
}

const str = z.string().nullable().optional();

export const customerAttributes = z.object({
  name: str,
  displayName: str,
  emails: z.array(z.object({ email: z.string() })).optional(),
  phones: z.array(z.object({ phone: z.string() })).optional(),
  externalId: str,
  tags: z.array(z.string()).optional(),
  custom: z.record(z.string(), z.unknown()).nullable().optional(),
  conversationCounts: z.record(z.string(), z.number()).nullable().optional(),
  updatedAt: str,
});
export const customerResource = resourceSchema(customerAttributes);

export const conversationAttributes = z.object({
  name: str,
  status: z.enum(['open', 'snoozed', 'done']),
  priority: z.number().nullable().optional(),
  assignedTeams: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  externalId: str,
  custom: z.record(z.string(), z.unknown()).nullable().optional(),
  createdAt: str,
});
export const conversationResource = resourceSchema(conversationAttributes);

export const messageAttributes = z.object({
  direction: z.enum(['in', 'out']),
  channel: z.string(),
  preview: str,
  externalId: str,
  sentAt: str,
  createdAt: str,
});
export const messageResource = resourceSchema(messageAttributes);

export const noteAttributes = z.object({ body: z.string(), externalId: str });
export const noteResource = resourceSchema(noteAttributes);

export const teamAttributes = z.object({ name: z.string(), displayName: str });
export const teamResource = resourceSchema(teamAttributes);

export const tokenAttributes = z.object({
  name: str,
  roles: z.array(z.string()),
  lastTokenChars: str,
});
export const tokenResource = resourceSchema(tokenAttributes);

/** POST /v1/messages/bulk and GET /v1/bulk/{id}: an asynchronous bulk operation. */
export const bulkResource = resourceSchema(
  z.object({
    status: z.string().optional(),
    completed: z.boolean().optional(),
    ids: z.array(z.unknown()).optional(),
  }),
);

export function relatedId(
  resource: {
    relationships?: Record<string, { data?: { id: string } | null } | undefined> | undefined;
  },
  name: string,
): string | null {
  return resource.relationships?.[name]?.data?.id ?? null;
}

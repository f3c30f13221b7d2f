/**
 * Kustomer's response envelope (https://developer.kustomer.com/docs/concepts/pagination), built
 * from Kustomer's own examples (kustomer-examples.ts, extracted from the Core Resources OpenAPI
 * file): each answer is the example resource with its instance data emptied, its ids replaced and
 * what the sandbox stores laid over it. So answers carry what Kustomer's do and the client must
 * tolerate: links-only relationships (`messages`), a `customer` relationship of type
 * `customers` on messages, `userMentions` as a list on notes, tags as ids, no `priority` on a
 * conversation created without one, and (as recorded in conversation events) `deletedBy`,
 * `lockedBy` and `pinnedBy` relationships that are null.
 */
import { createHash } from 'node:crypto';
import { KUSTOMER_EXAMPLES } from './kustomer-examples.js';
import type {
  SandboxAttachment,
  SandboxConversation,
  SandboxCustomer,
  SandboxMessage,
  SandboxNote,
  SandboxTeam,
} from './types.js';

export const ORG_ID = '5a0000000000000000000001';
/** The machine user behind the sandbox's API key: createdBy / modifiedBy of what it writes. */
export const SANDBOX_USER_ID = '5a0000000000000000000002';

type Json = Record<string, unknown>;
interface Template {
  type: string;
  id: string;
  attributes: Json;
  relationships: Json;
  links: Json;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An example's instance data emptied, its shape kept: lists empty, strings null, numbers 0. */
function blank(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (typeof value === 'string') return null;
  if (typeof value === 'number') return 0;
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v)]));
  return value;
}

/** Kustomer answers tags as ids; the sandbox derives a stable id from each tag's name. */
export function tagId(name: string): string {
  return createHash('sha1').update(`tag:${name}`).digest('hex').slice(0, 24);
}

/**
 * The example `template` for the resource `id`: every id it relates to replaced (`related` by
 * relationship name; org and createdBy / modifiedBy by the sandbox's own), its attributes emptied
 * and `attributes` laid over them.
 */
export function fromTemplate(
  template: Template,
  id: string,
  related: Record<string, string>,
  attributes: Json,
): Json {
  const ids = new Map<string, string>([[template.id, id]]);
  const targets: Record<string, string> = {
    org: ORG_ID,
    createdBy: SANDBOX_USER_ID,
    modifiedBy: SANDBOX_USER_ID,
    ...related,
  };
  for (const [name, relation] of Object.entries(template.relationships)) {
    const data = isObject(relation) ? relation.data : null;
    if (isObject(data) && typeof data.id === 'string' && targets[name])
      ids.set(data.id, targets[name]);
  }
  let text = JSON.stringify({ relationships: template.relationships, links: template.links });
  for (const [from, to] of ids) text = text.replaceAll(from, to);
  const { relationships, links } = JSON.parse(text) as { relationships: Json; links: Json };
  const emptied = blank(template.attributes) as Json;
  return {
    type: template.type,
    id,
    attributes: { ...emptied, ...attributes },
    relationships,
    links,
  };
}

const defined = (attributes: Json): Json =>
  Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null && v !== undefined));

export function customerResource(c: SandboxCustomer) {
  return fromTemplate(
    KUSTOMER_EXAMPLES.customer,
    c.id,
    {},
    {
      name: c.name,
      displayName: c.name ?? c.emails[0]?.email ?? c.phones[0]?.phone ?? null,
      emails: c.emails,
      phones: c.phones,
      externalIds: c.externalIds,
      tags: c.tags.map(tagId),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      modifiedAt: c.updatedAt,
      lastActivityAt: c.updatedAt,
      ...defined({ externalId: c.externalId }),
      ...(Object.keys(c.custom).length ? { custom: c.custom } : {}),
    },
  );
}

export function conversationResource(c: SandboxConversation) {
  const resource = fromTemplate(
    KUSTOMER_EXAMPLES.conversation,
    c.id,
    { customer: c.customerId },
    {
      name: c.name ?? '',
      status: c.status,
      direction: c.direction ?? 'in',
      assignedTeams: c.assignedTeams,
      tags: c.tags.map(tagId),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      modifiedAt: c.updatedAt,
      // Kustomer's create example has no priority: it is there only once one was set.
      ...defined({ priority: c.priority, externalId: c.externalId }),
      ...(Object.keys(c.custom).length ? { custom: c.custom } : {}),
    },
  );
  const relationships = resource.relationships as Json;
  return {
    ...resource,
    relationships: { ...relationships, deletedBy: null, lockedBy: null, pinnedBy: null },
  };
}

export function messageResource(m: SandboxMessage) {
  const resource = fromTemplate(
    KUSTOMER_EXAMPLES.message,
    m.id,
    { customer: m.customerId, conversation: m.conversationId },
    {
      channel: m.channel,
      app: m.app,
      direction: m.direction,
      preview: m.preview,
      meta: m.meta,
      status: m.direction === 'out' ? 'sent' : 'received',
      auto: m.auto === true,
      sentAt: m.sentAt ?? m.createdAt,
      createdAt: m.createdAt,
      updatedAt: m.createdAt,
      modifiedAt: m.createdAt,
      ...defined({ externalId: m.externalId, importedAt: m.importedAt }),
    },
  );
  return withAttachments(resource, m.attachmentIds ?? []);
}

/**
 * A message's attachments as Kustomer relates them (`relationships.attachments`), present only
 * when it has some, as GET …/messages?include=attachments reads them.
 */
function withAttachments(resource: Json, ids: string[]): Json {
  if (ids.length === 0) return resource;
  const relationships = resource.relationships as Json;
  relationships.attachments = { data: ids.map((id) => ({ type: 'attachment', id })) };
  return resource;
}

/**
 * An attachment built from Kustomer's examples: the create answer's shape, plus the `message`
 * relationship and the download link in `links.related` when read through its message.
 */
export function attachmentResource(a: SandboxAttachment, via?: { messageId: string; url: string }) {
  const resource = fromTemplate(
    KUSTOMER_EXAMPLES.attachment,
    a.id,
    via ? { message: via.messageId } : {},
    {
      name: a.name,
      contentType: a.contentType,
      contentLength: a.contentLength,
      uploaded: a.data !== null,
      redacted: false,
    },
  );
  const links = resource.links as Json;
  links.self = via
    ? `/v1/messages/${via.messageId}/attachments/${a.id}`
    : `/v1/attachments/${a.id}`;
  links.related = via?.url ?? links.related;
  const relationships = resource.relationships as Json;
  if (via)
    relationships.message = {
      links: { self: `/v1/messages/${via.messageId}` },
      data: { type: 'message', id: via.messageId },
    };
  else delete relationships.message;
  return resource;
}

export function noteResource(n: SandboxNote) {
  const resource = fromTemplate(
    KUSTOMER_EXAMPLES.note,
    n.id,
    { customer: n.customerId, conversation: n.conversationId },
    {
      body: n.body,
      createdAt: n.createdAt,
      updatedAt: n.createdAt,
      ...defined({ externalId: n.externalId }),
    },
  );
  const mentions = n.userMentions.map((m) => ({
    type: m.team ? 'team' : 'user',
    id: m.team ?? m.user,
  }));
  const relationships = resource.relationships as Json;
  return { ...resource, relationships: { ...relationships, userMentions: { data: mentions } } };
}

/** Teams are not in the Core Resources file; the shape is the access-management docs' (GET /v1/teams). */
export function teamResource(t: SandboxTeam) {
  return {
    type: 'team',
    id: t.id,
    attributes: { name: t.name, displayName: t.name, members: [] },
    relationships: {
      org: { links: { self: `/v1/orgs/${ORG_ID}` }, data: { type: 'org', id: ORG_ID } },
    },
    links: { self: `/v1/teams/${t.id}` },
  };
}

/** One page of a list with page/pageSize and links.next (null on the last page). */
export function page<T>(
  items: T[],
  path: string,
  query: URLSearchParams,
  maxPageSize: number,
  defaultPageSize = 100,
) {
  const pageNo = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const pageSize = Math.min(
    maxPageSize,
    Math.max(
      1,
      Number.parseInt(query.get('pageSize') ?? String(defaultPageSize), 10) || defaultPageSize,
    ),
  );
  const slice = items.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  const link = (n: number) => `${path}?page=${n}&pageSize=${pageSize}`;
  return {
    meta: { page: pageNo, pageSize },
    links: {
      self: link(pageNo),
      first: link(1),
      prev: pageNo > 1 ? link(pageNo - 1) : null,
      next: pageNo * pageSize < items.length ? link(pageNo + 1) : null,
    },
    data: slice,
  };
}

/**
 * Kustomer's two error shapes (https://developer.kustomer.com/docs/concepts/errors): most errors
 * are `{ errors: [{ code, message, meta }] }`; errors about a field are JSON:API objects
 * `{ status, code, title, detail, source: { pointer | parameter }, meta }`, as the spec's examples
 * for GET /v1/conversations/{id} show.
 */
export function errorBody(
  status: number,
  code: string,
  message: string,
  source?: { pointer: string } | { parameter: string },
) {
  if (!source) return { errors: [{ code, message, meta: {} }] };
  const title = code.replace(/_/g, ' ');
  return { errors: [{ status: String(status), code, title, detail: message, source, meta: {} }] };
}

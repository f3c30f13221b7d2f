/**
 * Kustomer's response envelope (https://developer.kustomer.com/docs/concepts/pagination):
 * `{ data: { type, id, attributes, relationships, links } }`, and lists with meta and links.
 */
import type {
  SandboxConversation,
  SandboxCustomer,
  SandboxMessage,
  SandboxNote,
  SandboxTeam,
} from './types.js';

const ORG_ID = '5a0000000000000000000001';

function rel(type: string, id: string) {
  return { links: { self: `/v1/${type}s/${id}` }, data: { type, id } };
}

export function customerResource(c: SandboxCustomer) {
  return {
    type: 'customer',
    id: c.id,
    attributes: {
      name: c.name,
      displayName: c.name ?? c.emails[0]?.email ?? null,
      emails: c.emails,
      phones: c.phones,
      externalId: c.externalId,
      externalIds: c.externalIds,
      tags: c.tags,
      custom: c.custom,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
    relationships: { org: rel('org', ORG_ID) },
    links: { self: `/v1/customers/${c.id}` },
  };
}

export function conversationResource(c: SandboxConversation) {
  return {
    type: 'conversation',
    id: c.id,
    attributes: {
      name: c.name,
      status: c.status,
      priority: c.priority,
      direction: c.direction,
      assignedTeams: c.assignedTeams,
      tags: c.tags,
      externalId: c.externalId,
      custom: c.custom,
      channels: ['chat'],
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
    relationships: { customer: rel('customer', c.customerId), org: rel('org', ORG_ID) },
    links: { self: `/v1/conversations/${c.id}` },
  };
}

export function messageResource(m: SandboxMessage) {
  return {
    type: 'message',
    id: m.id,
    attributes: {
      channel: m.channel,
      app: m.app,
      direction: m.direction,
      preview: m.preview,
      externalId: m.externalId,
      sentAt: m.sentAt,
      importedAt: m.importedAt,
      meta: m.meta,
      createdAt: m.createdAt,
    },
    relationships: {
      customer: rel('customer', m.customerId),
      conversation: rel('conversation', m.conversationId),
    },
    links: { self: `/v1/messages/${m.id}` },
  };
}

export function noteResource(n: SandboxNote) {
  return {
    type: 'note',
    id: n.id,
    attributes: { body: n.body, externalId: n.externalId, createdAt: n.createdAt },
    relationships: {
      customer: rel('customer', n.customerId),
      conversation: rel('conversation', n.conversationId),
    },
    links: { self: `/v1/notes/${n.id}` },
  };
}

export function teamResource(t: SandboxTeam) {
  return {
    type: 'team',
    id: t.id,
    attributes: { name: t.name, displayName: t.name, members: [] },
    relationships: { org: rel('org', ORG_ID) },
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

export function errorBody(status: number, code: string, detail: string, pointer?: string) {
  return {
    errors: [
      {
        status: String(status),
        code,
        title: code.replace(/_/g, ' '),
        detail,
        ...(pointer ? { source: { pointer } } : {}),
      },
    ],
  };
}

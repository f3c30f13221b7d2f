/**
 * Queues and Routing (https://developer.kustomer.com/api/queues-and-routing): the queue list,
 * creating a work item (a conversation's open item answered instead of a second one), the
 * conversation's items and moving an item to another queue. Answers are the recorded work item
 * and the queue template (routing-examples.ts) with the sandbox's data laid over them.
 */
import { fromTemplate, page } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import { iso, notFound, objectBody, type Route, type RouteContext } from './route-types.js';
import type { SandboxQueue, SandboxWorkItem } from './routing-data.js';
import { QUEUE_EXAMPLE, WORK_ITEM_EXAMPLE } from './routing-examples.js';

const QUEUE_READ = ['org.permission.queue.read', 'org.user.routing.read'];
const READ = ['org.permission.routing.read', 'org.user.routing.read'];
const CREATE = ['org.permission.routing.create', 'org.user.routing.write'];
const UPDATE = ['org.permission.routing.update', 'org.user.routing.write'];

type Json = Record<string, unknown>;
const OBJECT_ID = /^[0-9a-f]{24}$/;

export function queueResource(q: SandboxQueue) {
  return fromTemplate(
    QUEUE_EXAMPLE as unknown as Parameters<typeof fromTemplate>[0],
    q.id,
    {},
    {
      name: q.name.toLowerCase().replace(/\s+/g, '-'),
      displayName: q.name,
      priority: 1,
      itemSize: 1,
      system: false,
      deleted: false,
    },
  );
}

export function workItemResource(w: SandboxWorkItem) {
  const resource = fromTemplate(
    WORK_ITEM_EXAMPLE as unknown as Parameters<typeof fromTemplate>[0],
    w.id,
    { resource: w.conversationId, ...(w.queueId ? { queue: w.queueId } : {}) },
    {
      resourceType: 'conversation',
      status: w.status,
      paused: false,
      channel: 'chat',
      queuedCount: w.queueId ? 1 : 0,
      priority: 1,
      itemSize: 1,
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
      modifiedAt: w.updatedAt,
      ...(w.queueId ? { firstEnterQueueAt: w.createdAt } : {}),
    },
  );
  const relationships = { ...(resource.relationships as Json) };
  // A rule relates only items the org's queue rule made; no queue, no queue relationship.
  if (w.createdBy !== 'queue-rule') delete relationships.rule;
  if (!w.queueId) delete relationships.queue;
  return { ...resource, relationships };
}

/** `{ id }` objects as Kustomer's bodies name related resources; the id must be an ObjectId. */
function idOf(body: Json, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  const id = typeof value === 'object' ? (value as Json).id : undefined;
  if (typeof id !== 'string' || !OBJECT_ID.test(id))
    throw new SandboxHttpError(400, 'bad_request', `/${key}/id must be an object id`, `/${key}/id`);
  return id;
}

function knownQueue(ctx: RouteContext, id: string | null): string | null {
  if (id && !ctx.core.store.routing.queue(id))
    throw new SandboxHttpError(400, 'bad_request', `/queue/id ${id} is not a queue`, '/queue/id');
  return id;
}

function createItem(ctx: RouteContext) {
  const body = objectBody(ctx.body);
  const resource = body.resource as Json | undefined;
  if (!resource || resource.type !== 'conversation')
    throw new SandboxHttpError(
      400,
      'bad_request',
      '/resource/type must be conversation',
      '/resource/type',
    );
  const conversationId = idOf(body, 'resource') as string;
  if (!ctx.core.store.conversation(conversationId)) notFound('conversation');
  const queueId = knownQueue(ctx, idOf(body, 'queue'));
  const { item, created } = ctx.core.store.routing.createItem(
    conversationId,
    queueId,
    iso(ctx.core),
  );
  return { status: created ? 201 : 200, body: { data: workItemResource(item) } };
}

function moveItem(ctx: RouteContext) {
  const item = ctx.core.store.routing.workItem(ctx.params[0]!) ?? notFound('work item');
  const queueId = knownQueue(ctx, idOf(objectBody(ctx.body), 'queue'));
  if (queueId) {
    item.queueId = queueId;
    // The queue command: an item not yet with an agent (re)enters the queue.
    if (item.status === 'ivr' || item.status === 'routed') item.status = 'queued';
    item.updatedAt = iso(ctx.core);
  }
  return { status: 200, body: { data: workItemResource(item) } };
}

export const routingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/routing/queues',
    roles: QUEUE_READ,
    handle: (ctx) => ({
      status: 200,
      body: page(ctx.core.store.routing.queues.map(queueResource), ctx.path, ctx.query, 100),
    }),
  },
  {
    method: 'POST',
    path: '/v1/routing/work-items',
    roles: CREATE,
    handle: createItem,
  },
  {
    method: 'GET',
    path: '/v1/routing/conversations/{id}/work-items',
    values: { id: 'text' },
    roles: READ,
    handle: (ctx) => {
      const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
      const items = ctx.core.store.routing.workItems.filter(
        (w) => w.conversationId === conversation.id,
      );
      return { status: 200, body: page(items.map(workItemResource), ctx.path, ctx.query, 100) };
    },
  },
  {
    method: 'PUT',
    path: '/v1/routing/work-items/{id}',
    values: { id: 'text' },
    roles: UPDATE,
    handle: moveItem,
  },
];

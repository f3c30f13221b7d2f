/**
 * Kustomer's Queues and Routing: the org's queues (for the routing editor) and work items, the
 * routing record that puts one conversation in a queue
 * (https://developer.kustomer.com/api/queues-and-routing).
 *
 * "A conversation has at most one work item that isn't `completed`. Creating a work item for a
 * conversation that already has one returns the existing item"
 * (https://developer.kustomer.com/api/queues-and-routing/create-work-item). So the POST is safe to
 * repeat while the item is open, and when Kustomer's own queue rules picked the conversation up
 * first, the answer is their item, in their queue: `route` then moves it to ours, unless an agent
 * already has it. A completed item is not reopened by a repeat: a resumed escalation lists the
 * conversation's items first (`GET /v1/routing/conversations/{id}/work-items`).
 */
import { z } from 'zod';
import { rolesFor } from '../permissions.js';
import { listSchema, relatedId, resourceSchema, singleSchema, text } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions } from '../types.js';
import { collectPages } from './paging.js';

export interface Queue {
  id: string;
  name: string;
}

export interface WorkItem {
  id: string;
  /** ivr, queued, routed, assigned, wrap-up, completed (Kustomer's lifecycle); null if unknown. */
  status: string | null;
  queueId: string | null;
  conversationId: string | null;
}

/** Statuses in which the item still waits for an agent: moving it to another queue is harmless. */
const WAITING = new Set(['ivr', 'queued']);

const queueResource = resourceSchema(z.object({ name: text, displayName: text }));
const workItemResource = resourceSchema(z.object({ status: text }));

function toWorkItem(resource: z.infer<typeof workItemResource>): WorkItem {
  return {
    id: resource.id,
    status: resource.attributes.status,
    queueId: relatedId(resource, 'queue'),
    conversationId: relatedId(resource, 'resource'),
  };
}

export interface RouteOutcome {
  workItem: WorkItem;
  /** The item was in another queue (Kustomer's own routing got there first) and was moved. */
  moved: boolean;
}

/** Queues change rarely and every queue-routed escalation names one: kept this long. */
const QUEUES_TTL_MS = 5 * 60_000;

export function createRoutingQueues(transport: Transport, clock: () => number = Date.now) {
  let cached: { queues: Queue[]; at: number } | null = null;

  async function listQueues(options: CallOptions & { fresh?: boolean } = {}): Promise<Queue[]> {
    const { fresh, ...callOptions } = options;
    if (!fresh && cached && clock() - cached.at < QUEUES_TTL_MS) return cached.queues;
    const queues = await fetchQueues(callOptions);
    cached = { queues, at: clock() };
    return queues;
  }

  async function fetchQueues(options: CallOptions): Promise<Queue[]> {
    const resources = await collectPages(transport, {
      lane: 'background',
      ...options,
      method: 'GET',
      route: '/v1/routing/queues',
      query: { pageSize: 100 },
      schema: listSchema(queueResource),
      roles: rolesFor('queue.read'),
    });
    return resources.map((q) => ({
      id: q.id,
      name: q.attributes.displayName || q.attributes.name || q.id,
    }));
  }

  async function workItemsOf(conversationId: string, options: CallOptions = {}) {
    const resources = await collectPages(transport, {
      ...options,
      method: 'GET',
      route: '/v1/routing/conversations/{id}/work-items',
      params: { id: conversationId },
      schema: listSchema(workItemResource),
      roles: rolesFor('routing.read'),
    });
    return resources.map(toWorkItem);
  }

  async function createWorkItem(conversationId: string, queueId: string, options: CallOptions) {
    const body = await transport.call({
      ...options,
      method: 'POST',
      route: '/v1/routing/work-items',
      body: {
        resource: { type: 'conversation', id: conversationId },
        channel: 'chat',
        queue: { id: queueId },
      },
      schema: singleSchema(workItemResource),
      roles: rolesFor('routing.create'),
    });
    return toWorkItem(body.data);
  }

  async function moveWorkItem(id: string, queueId: string, options: CallOptions) {
    const body = await transport.call({
      ...options,
      method: 'PUT',
      route: '/v1/routing/work-items/{id}',
      params: { id },
      body: { queue: { id: queueId } },
      schema: singleSchema(workItemResource),
      roles: rolesFor('routing.update'),
    });
    return toWorkItem(body.data);
  }

  /**
   * Puts the conversation in the queue: the open item Kustomer answers with (ours from an earlier
   * attempt, or one its queue rules made) is moved when it still waits elsewhere; an item an
   * agent already took stays where it is. `existing` is what a resumed attempt found listed.
   */
  async function route(
    conversationId: string,
    queueId: string,
    options: CallOptions & { existing?: WorkItem | null } = {},
  ): Promise<RouteOutcome> {
    const { existing, ...callOptions } = options;
    const item = existing ?? (await createWorkItem(conversationId, queueId, callOptions));
    if (item.queueId === queueId || !WAITING.has(item.status ?? '')) {
      return { workItem: item, moved: false };
    }
    return { workItem: await moveWorkItem(item.id, queueId, callOptions), moved: true };
  }

  return { listQueues, workItemsOf, route };
}

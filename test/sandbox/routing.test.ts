/**
 * The sandbox's Queues and Routing and SLA policies, spoken as Kustomer speaks them: the recorded
 * work item's shape, one open work item per conversation (a second create answers the first), a
 * move between queues, the roles each route asks for, and SLA policies with the first-response
 * rule of Kustomer's example, one of which the inspector can make "fooled".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_ITEM_EXAMPLE } from '../../src/sandbox/routing-examples.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { CORPUS_DIR } from '../support/kustomer-corpus.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation } from './support/http.js';

type Json = Record<string, unknown>;
const NO_ROUTING_KEY = 'no-routing-key';
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [
      { key: 'full-key', name: 'full', roles: ALL_MODULE_ROLES },
      {
        key: NO_ROUTING_KEY,
        name: 'no routing',
        roles: ALL_MODULE_ROLES.filter((r) => !/routing|queue|sla/.test(r)),
      },
    ],
  });
});
afterAll(() => sandbox.close());

const keysOf = (value: unknown) => Object.keys(value as Json).sort();

describe('work items', () => {
  it('keeps the template equal to the recorded work item', () => {
    const recorded = JSON.parse(
      readFileSync(join(CORPUS_DIR, 'recorded', 'kdev-work-item-queued.json'), 'utf8'),
    ) as { data: unknown };
    expect(WORK_ITEM_EXAMPLE).toEqual(recorded.data);
  });

  it('answers a second create for an open item with the first, in the recorded shape', async () => {
    const { conversationId } = await seedConversation(sandbox, 'wi-1@example.com');
    const [, chat] = sandbox.state().queues;
    const body = {
      resource: { type: 'conversation', id: conversationId },
      queue: { id: chat!.id },
    };
    const first = await api<{ data: Json }>(sandbox, 'POST', '/v1/routing/work-items', { body });
    const second = await api<{ data: Json }>(sandbox, 'POST', '/v1/routing/work-items', { body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.data.id).toBe(first.body.data.id);
    expect(keysOf(first.body.data.attributes)).toEqual(
      expect.arrayContaining(
        keysOf(WORK_ITEM_EXAMPLE.attributes).filter((k) => k !== 'lastRevision'),
      ),
    );
    const relationships = first.body.data.relationships as Json;
    expect(relationships.resource).toEqual({ data: { type: 'conversation', id: conversationId } });
    expect(relationships.queue).toMatchObject({ data: { type: 'queue', id: chat!.id } });
  });

  it('makes a new item once the open one is completed, and lists both for the conversation', async () => {
    const { conversationId } = await seedConversation(sandbox, 'wi-2@example.com');
    const body = { resource: { type: 'conversation', id: conversationId } };
    const first = await api<{ data: Json }>(sandbox, 'POST', '/v1/routing/work-items', { body });
    sandbox.routing.completeWorkItem(first.body.data.id as string);
    const second = await api<{ data: Json }>(sandbox, 'POST', '/v1/routing/work-items', { body });
    expect(second.status).toBe(201);
    const listed = await api<{ data: Json[] }>(
      sandbox,
      'GET',
      `/v1/routing/conversations/${conversationId}/work-items`,
    );
    expect(listed.body.data.map((w) => (w.attributes as Json).status)).toEqual([
      'completed',
      'ivr',
    ]);
  });

  it('moves an item to another queue, and refuses a queue that does not exist', async () => {
    const { conversationId } = await seedConversation(sandbox, 'wi-3@example.com');
    const [first, , billing] = sandbox.state().queues;
    const created = await api<{ data: Json }>(sandbox, 'POST', '/v1/routing/work-items', {
      body: { resource: { type: 'conversation', id: conversationId }, queue: { id: first!.id } },
    });
    const path = `/v1/routing/work-items/${created.body.data.id as string}`;
    const moved = await api<{ data: Json }>(sandbox, 'PUT', path, {
      body: { queue: { id: billing!.id } },
    });
    expect(moved.body.data.relationships).toMatchObject({ queue: { data: { id: billing!.id } } });
    const bad = await api(sandbox, 'PUT', path, { body: { queue: { id: '0'.repeat(24) } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('/queue/id');
  });

  it('lists the queues, and refuses a key without the routing roles', async () => {
    const queues = await api<{ data: Json[] }>(sandbox, 'GET', '/v1/routing/queues');
    expect(queues.body.data.map((q) => (q.attributes as Json).displayName)).toEqual([
      'Default Queue',
      'Chat',
      'Billing',
      'VIP Support',
    ]);
    for (const [method, path] of [
      ['GET', '/v1/routing/queues'],
      ['POST', '/v1/routing/work-items'],
      ['GET', '/v1/slas'],
    ] as const) {
      const refused = await api(sandbox, method, path, {
        key: NO_ROUTING_KEY,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
  });
});

describe('SLA policies', () => {
  it("answers Kustomer's shape, and the control makes a policy one the transcript would fool", async () => {
    const list = async () =>
      (await api<{ data: Json[]; included: Json[] }>(sandbox, 'GET', '/v1/slas?versions=active'))
        .body;
    const before = await list();
    expect(before.data.map((s) => s.type)).toEqual(['sla', 'sla']);
    const firstResponse = (i: number, body: typeof before) =>
      ((body.included[i]!.attributes as Json).metrics as Json).firstResponse as Json;
    expect(firstResponse(0, before)).toMatchObject({
      enabled: true,
      basedOnHumanInteraction: true,
    });
    const id = before.data[0]!.id as string;
    const admin = await fetch(`${sandbox.url}/__sandbox/routing/slas/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fooled: true }),
    });
    expect(admin.status).toBe(200);
    const after = await list();
    expect(firstResponse(0, after).enabled).toBe(true);
    expect(firstResponse(0, after)).not.toHaveProperty('basedOnHumanInteraction');
    const one = await api<{ included: Json }>(sandbox, 'GET', `/v1/slas/${id}`);
    expect(one.body.included.relationships).toMatchObject({ sla: { data: { id } } });
  });
});

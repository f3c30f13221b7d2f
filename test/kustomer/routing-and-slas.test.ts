/**
 * The client's Queues and Routing and SLA calls against the sandbox over HTTP: the queue list
 * (cached), a work item routed (created, answered again while open, moved from Kustomer's own
 * queue), SLA policies read with their first-response rule, and the routing roles asked of a key
 * only when routing names a queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fooledPolicies } from '../../src/kustomer/resources/slas.js';
import type { KustomerClient } from '../../src/kustomer/types.js';
import { REQUIRED_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { seedConversation } from '../sandbox/support/http.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime } from './support/client.js';

const LEAST_KEY = 'least-privilege-key-000000000';
let sandbox: SandboxHandle;
let client: KustomerClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = buildClient({ url: sandbox.url, apiKey: sandbox.apiKey }, createFakeTime());
});
afterAll(() => sandbox.close());

const routeCount = (route: string) => sandbox.state().requests.byRoute[route] ?? 0;

describe('queues and work items', () => {
  it('lists the queues by display name, once for a while', async () => {
    const queues = await client.routing.listQueues();
    expect(queues.map((q) => q.name)).toEqual(['Default Queue', 'Chat', 'Billing', 'VIP Support']);
    await client.routing.listQueues();
    expect(routeCount('GET /v1/routing/queues')).toBe(1);
  });

  it('routes a conversation into a queue, and routing it again answers the same item', async () => {
    const { conversationId } = await seedConversation(sandbox, 'route-1@example.com');
    const [, chat] = await client.routing.listQueues();
    const first = await client.routing.route(conversationId, chat!.id);
    const again = await client.routing.route(conversationId, chat!.id);
    expect(first).toEqual({
      workItem: { id: expect.any(String), status: 'queued', queueId: chat!.id, conversationId },
      moved: false,
    });
    expect(again.workItem.id).toBe(first.workItem.id);
    expect(await client.routing.workItemsOf(conversationId)).toHaveLength(1);
  });

  it("moves the item Kustomer's queue rule put elsewhere", async () => {
    const [defaultQueue, , billing] = await client.routing.listQueues();
    sandbox.routing.setQueueRule(defaultQueue!.id);
    const { conversationId } = await seedConversation(sandbox, 'route-2@example.com');
    sandbox.routing.setQueueRule(null);
    const outcome = await client.routing.route(conversationId, billing!.id);
    expect(outcome).toMatchObject({ moved: true, workItem: { queueId: billing!.id } });
    expect(await client.routing.workItemsOf(conversationId)).toHaveLength(1);
  });
});

describe('SLA policies', () => {
  it('reads each policy with its first-response rule, and names those the transcript would fool', async () => {
    const [chat] = sandbox.state().slas;
    expect(fooledPolicies(await client.slas.list())).toEqual([]);
    sandbox.routing.setSlaFooled(chat!.id, true);
    const policies = await client.slas.list();
    expect(policies).toContainEqual({
      id: chat!.id,
      name: 'Chat Policy',
      firstResponse: true,
      basedOnHumanInteraction: false,
    });
    expect(fooledPolicies(policies).map((p) => p.name)).toEqual(['Chat Policy']);
    sandbox.routing.setSlaFooled(chat!.id, false);
  });
});

describe('the routing roles in the permission report', () => {
  it('asks them of a key only when routing names a queue', async () => {
    const least = await startTestSandbox({
      keys: [{ key: LEAST_KEY, name: 'least', roles: REQUIRED_MODULE_ROLES }],
    });
    try {
      const leastClient = buildClient({ url: least.url, apiKey: LEAST_KEY }, createFakeTime());
      expect(await leastClient.auth.permissionReport()).toMatchObject({ ok: true, missing: [] });
      expect(await leastClient.auth.permissionReport({ queues: true })).toMatchObject({
        ok: false,
        missing: ['queue.read', 'routing.read', 'routing.create', 'routing.update'],
      });
      expect(await client.auth.permissionReport({ queues: true })).toMatchObject({ ok: true });
    } finally {
      await least.close();
    }
  });
});

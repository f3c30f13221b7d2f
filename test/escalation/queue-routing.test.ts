/**
 * Routing to a Kustomer queue with a work item, over HTTP against the sandbox: the rule's queue,
 * Kustomer's own routing getting there first, an agent already holding the item, and the answer
 * to the work-item POST lost (once while the item stays open, once after it was completed).
 * Kustomer must hold one work item per escalation, in the rule's queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.js';
import { escalationRequest } from './helpers/requests.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(): Promise<{ h: Harness; chat: string; billing: string }> {
  const h = await createHarness();
  harness = h;
  const [, chat, billing] = h.sandbox.state().queues.map((q) => q.id) as [string, string, string];
  await h.saveSettings({
    defaultQueueId: chat,
    routingRules: [{ id: 'billing', reasons: ['bot_error'], teamId: null, queueId: billing }],
  });
  return { h, chat, billing };
}

const conversationOf = (h: Harness, escalationId: string) =>
  h.sandbox.state().conversations.find((c) => c.externalId === escalationId)!;
const itemsOf = (h: Harness, conversationId: string) =>
  h.sandbox.state().workItems.filter((w) => w.conversationId === conversationId);

describe('routing to a Kustomer queue', () => {
  it('puts the conversation in the queue the rule names, records the item, and the note says so', async () => {
    const { h, billing } = await setup();
    const request = escalationRequest({ reason: 'bot_error' });
    expect(await h.service.escalate(request)).toMatchObject({ status: 'escalated' });
    await h.service.idle();
    const conversation = conversationOf(h, request.escalationId);
    const items = itemsOf(h, conversation.id);
    expect(items).toEqual([expect.objectContaining({ queueId: billing, status: 'queued' })]);
    const record = await h.store.records.get(request.escalationId);
    expect(record).toMatchObject({
      state: 'done',
      routing: { queueId: billing, queueName: 'Billing' },
      workItem: { id: items[0]!.id, queueId: billing, moved: false },
    });
    const note = h.sandbox.state().notes.find((n) => n.conversationId === conversation.id)!;
    expect(note.body).toContain('queue Billing');
  });

  it("moves the item Kustomer's own queue rule made first, and makes no second one", async () => {
    const { h, chat } = await setup();
    const [defaultQueue] = h.sandbox.state().queues;
    h.sandbox.routing.setQueueRule(defaultQueue!.id);
    const request = escalationRequest();
    await h.service.escalate(request);
    await h.service.idle();
    const items = itemsOf(h, conversationOf(h, request.escalationId).id);
    expect(items).toEqual([expect.objectContaining({ queueId: chat, createdBy: 'queue-rule' })]);
    expect((await h.store.records.get(request.escalationId))?.workItem).toMatchObject({
      moved: true,
    });
  });

  it('leaves an item an agent already took where it is', async () => {
    const { h } = await setup();
    const [defaultQueue] = h.sandbox.state().queues;
    h.sandbox.routing.setQueueRule(defaultQueue!.id);
    // The agent takes it between Kustomer's routing and our work item: the POST answers it.
    h.sandbox.setFaults({ errorRates: { '503': 1 }, match: '^POST /v1/routing/work-items$' });
    const request = escalationRequest();
    await h.service.escalate(request);
    await h.service.idle();
    const conversationId = conversationOf(h, request.escalationId).id;
    const item = itemsOf(h, conversationId)[0]!;
    h.sandbox.routing.assignWorkItem(item.id);
    h.sandbox.clearFaults();
    h.advance(120_000);
    await h.service.drain();
    expect(itemsOf(h, conversationId)).toEqual([
      expect.objectContaining({ id: item.id, queueId: defaultQueue!.id, status: 'assigned' }),
    ]);
    expect(await h.service.status(request.escalationId)).toMatchObject({ state: 'done' });
  });

  it('a lost answer to the work-item POST never makes a second item', async () => {
    const { h, chat } = await setup();
    h.sandbox.setFaults({ resetAfterCommitRate: 1, match: '^POST /v1/routing/work-items$' });
    const request = escalationRequest();
    expect(await h.service.escalate(request)).toMatchObject({ status: 'escalated' });
    await h.service.idle();
    const conversationId = conversationOf(h, request.escalationId).id;
    expect(itemsOf(h, conversationId)).toHaveLength(1);
    expect(await h.service.status(request.escalationId)).toMatchObject({ state: 'queued' });
    h.sandbox.clearFaults();
    h.advance(120_000);
    expect(await h.service.drain()).toMatchObject({ delivered: 1 });
    expect(itemsOf(h, conversationId)).toEqual([expect.objectContaining({ queueId: chat })]);
  });

  it('after a lost answer, an item completed meanwhile is not routed again', async () => {
    const { h } = await setup();
    h.sandbox.setFaults({ resetAfterCommitRate: 1, match: '^POST /v1/routing/work-items$' });
    const request = escalationRequest();
    await h.service.escalate(request);
    await h.service.idle();
    const conversationId = conversationOf(h, request.escalationId).id;
    const [item] = itemsOf(h, conversationId);
    // An agent handled it and finished before the retry: a blind POST would queue it again.
    h.sandbox.routing.completeWorkItem(item!.id);
    h.sandbox.clearFaults();
    h.advance(120_000);
    expect(await h.service.drain()).toMatchObject({ delivered: 1 });
    expect(itemsOf(h, conversationId)).toEqual([
      expect.objectContaining({ id: item!.id, status: 'completed' }),
    ]);
    expect((await h.store.records.get(request.escalationId))?.workItem).toMatchObject({
      id: item!.id,
    });
  });

  it('without a queue in routing, no work item is made and no routing role is used', async () => {
    const h = await createHarness();
    harness = h;
    const request = escalationRequest();
    await h.service.escalate(request);
    await h.service.idle();
    expect(h.sandbox.state().workItems).toEqual([]);
    const byRoute = h.sandbox.state().requests.byRoute;
    expect(Object.keys(byRoute).filter((r) => r.includes('/routing/'))).toEqual([]);
  });
});

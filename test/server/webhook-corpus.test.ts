/**
 * Every event of the conformance corpus, signed, through POST /api/webhooks/kustomer: each is
 * answered 200 (Kustomer retries anything else and may disable the webhook), and the recorded
 * shapes move an escalation's state when they are about its conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, responses } from '../support/kustomer-corpus.js';
import { escalationBody, signedWebhook, startHarness, type Harness } from './harness.js';

let h: Harness;
let conversationId: string;

beforeAll(async () => {
  h = await startHarness();
  const result = await (
    await h.call('/api/escalations', { method: 'POST', json: escalationBody('e-corpus') })
  ).json();
  conversationId = result.conversationId;
});
afterAll(() => h.close());

const deliver = (event: unknown) => h.call('/api/webhooks/kustomer', signedWebhook(event));

const status = async () =>
  (await h.call('/api/escalations/e-corpus?sessionId=chat-e-corpus')).json();

/* eslint-disable @typescript-eslint/no-explicit-any -- editing raw fixture JSON */
const recorded = (file: string): any =>
  structuredClone(events().find((e) => e.file === file)!.body);

describe('the recorded events, signed', () => {
  it.each(events().map((e) => [e.file, e] as const))('%s is answered 200', async (_f, payload) => {
    const response = await deliver(payload.body);
    expect(response.status).toBe(200);
    expect(['ignored', 'unknown']).toContain((await response.json()).outcome);
  });

  it('a recorded update with null relationships, about our conversation, closes the escalation', async () => {
    const event = recorded('recorded/kdev-conversation-update-null-relationships.json');
    event.data.id = conversationId;
    event.data.attributes.status = 'done';
    event.data.attributes.updatedAt = '2030-01-01T00:00:00.000Z';
    expect(await (await deliver(event)).json()).toEqual({ outcome: 'applied' });
    expect(await status()).toMatchObject({ closed: true });
  });

  it('the recorded outbound message shows as a reply once delivered, not while it failed', async () => {
    const event = recorded('recorded/pipedream-message-create-error.json');
    event.data.relationships.conversation.data.id = conversationId;
    expect(await (await deliver(event)).json()).toEqual({ outcome: 'ignored' });
    event.id = 'evt-delivered';
    event.data.id = '67dd47dfbc632c1804db1bf2';
    event.data.attributes.status = 'sent';
    expect(await (await deliver(event)).json()).toEqual({ outcome: 'applied' });
    expect((await status()).replies).toEqual([
      expect.objectContaining({ id: '67dd47dfbc632c1804db1bf2', text: 'message...' }),
    ]);
  });
});

/**
 * Event data is the resource as GET answers it (https://developer.kustomer.com/docs/events/event-catalog):
 * every resource in Kustomer's answers, wrapped as the event its type has.
 */
const EVENT_OF: Record<string, string> = {
  customer: 'kustomer.customer.update',
  conversation: 'kustomer.conversation.update',
  message: 'kustomer.message.create',
  note: 'kustomer.note.create',
};
const resourcesAsEvents = responses()
  .filter((p) => p.status < 300)
  .flatMap((p) => {
    const data = (p.body as { data?: unknown }).data;
    // Answers that are not resources (the subscribable events list) have no event to be.
    if (data === undefined) return [];
    return (Array.isArray(data) ? data : [data]).map((resource: any, i) => ({
      label: `${p.file}#${i}`,
      event: {
        id: `evt-${p.file}-${i}`,
        name: EVENT_OF[resource.type] ?? `kustomer.${resource.type}.update`,
        org: '5a0000000000000000000001',
        data: resource,
        changes: null,
      },
    }));
  });

describe("Kustomer's example resources as events, signed", () => {
  it.each(resourcesAsEvents.map((r) => [r.label, r.event] as const))(
    '%s is answered 200',
    async (_label, event) => {
      const response = await deliver(event);
      expect(response.status).toBe(200);
      // Nothing in the examples is about our conversation, and no example message is a reply.
      expect(['ignored', 'unknown']).toContain((await response.json()).outcome);
    },
  );
});

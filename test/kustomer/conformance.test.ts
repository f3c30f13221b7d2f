/**
 * Every response in the conformance corpus (Kustomer's own examples and answers recorded from
 * real orgs) replayed over HTTP to the client method that calls its route: each is accepted, the
 * fields the module uses come out right, and each error example maps to its error class.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAuthError,
  isValidationError,
  type KustomerValidationError,
} from '../../src/kustomer/errors.js';
import type { KustomerClient } from '../../src/kustomer/types.js';
import { toConversation } from '../../src/kustomer/resources/conversations.js';
import { toCustomer } from '../../src/kustomer/resources/customers.js';
import { toMessage } from '../../src/kustomer/resources/messages.js';
import {
  conversationResource,
  customerResource,
  messageResource,
} from '../../src/kustomer/schemas.js';
import { events, loadCorpus, responses, type ResponsePayload } from '../support/kustomer-corpus.js';
import { buildClient, createFakeTime, startRawServer } from './support/client.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- reading raw fixture JSON by path */
const corpus = loadCorpus();
const answers = responses(corpus);

let current: ResponsePayload;
let server: Awaited<ReturnType<typeof startRawServer>>;

beforeAll(async () => {
  server = await startRawServer((req, res) => {
    res.writeHead(current.status, { 'content-type': 'application/json' });
    // A bulk job is followed through its batches, a route the corpus has no example of: the
    // fields Kustomer documents for a finished batch (get-bulk-operation-batches).
    const batches = /^\/v1\/bulk\/[^/]+\/batches$/.test(req.url ?? '');
    res.end(JSON.stringify(batches ? FINISHED_BATCHES : current.body));
  });
});
afterAll(() => server.close());

const ID = '5f0000000000000000000001';
const FINISHED_BATCHES = {
  data: [{ attributes: { status: 'complete', successCount: 2, failureCount: 0, errors: [] } }],
};

/** A fresh client (no cache) answering every request with `payload`. */
function replaying(payload: ResponsePayload): KustomerClient {
  current = payload;
  return buildClient({ url: server.url, apiKey: 'replay-key-0123456789' }, createFakeTime(), {
    maxRetries: 0,
  });
}

/** The client call the module makes on this route. */
function callFor(client: KustomerClient, p: ResponsePayload): Promise<unknown> | null {
  const calls: Record<string, () => Promise<unknown>> = {
    'GET /v1/customers/{id}': () => client.customers.get(ID),
    'GET /v1/customers/email={email}': () => client.customers.getByEmail('jane@example.com'),
    'GET /v1/customers/externalId={externalId}': () => client.customers.getByExternalId('crm-1'),
    'GET /v1/customers/phone={phone}': () => client.customers.getByPhone('+15555550123'),
    'POST /v1/customers': () => client.customers.create({ email: 'jane@example.com' }),
    'PUT /v1/customers/{id}': () => client.customers.update(ID, { name: 'Jane' }),
    'POST /v1/customers/{id}/conversations': () =>
      client.conversations.create({ customerId: ID, name: 'Help' }),
    'GET /v1/conversations/{id}': () => client.conversations.get(ID),
    'GET /v1/conversations/externalId={externalId}': () =>
      client.conversations.getByExternalId('e-1'),
    'PUT /v1/conversations/{id}': () => client.conversations.update(ID, { priority: 4 }),
    'GET /v1/conversations/{id}/messages': () => client.messages.listForConversation(ID),
    'POST /v1/conversations/{id}/notes': () => client.notes.create(ID, { body: 'Summary' }),
    'GET /v1/conversations/{id}/notes': () => client.notes.findByExternalId(ID, 'none'),
    'POST /v1/conversations/{id}/messages': () => client.messages.addTranscript(ID, [line('only')]),
    'POST /v1/messages/bulk': () => client.messages.addTranscript(ID, [line('a'), line('b')]),
    'GET /v1/slas/{id}': () => client.slas.list(),
    // The recorded item (queued in its queue) as the answer to the work-item create.
    'GET /v1/routing/work-items/{id}': () => client.routing.route(ID, '600f22c52d55af001a76963c'),
    'GET /v1/schedules': () => client.availability.schedules(),
    'GET /v1/schedules/default': () => client.availability.schedule(null),
    'GET /v1/schedules/{id}': () => client.availability.schedule(ID),
    'GET /v1/routing/work-sessions': () => client.availability.availableSessions(),
    'GET /v1/chat/queues/metrics/{ids}': () => client.availability.queueWaits([ID]),
    'GET /v1/outbound-webhooks/events': () => client.outboundWebhooks.events(),
  };
  const call = calls[`${p.method} ${p.route}`];
  return call ? call() : null;
}

const line = (id: string) => ({
  externalId: `e-1:${id}`,
  direction: 'in' as const,
  text: `line ${id}`,
  sentAt: '2026-11-24T10:00:00.000Z',
});

/** The customer fields the module reads, straight from the payload. */
function customerOf(data: any) {
  const a = data.attributes;
  return {
    id: data.id,
    name: a.name ?? a.displayName ?? null,
    emails: (a.emails ?? []).map((e: any) => e.email),
    phones: (a.phones ?? []).map((e: any) => e.phone),
    externalId: a.externalId ?? null,
    tags: a.tags ?? [],
  };
}

function conversationOf(data: any) {
  const a = data.attributes;
  return {
    id: data.id,
    status: a.status,
    priority: a.priority ?? null,
    assignedTeams: a.assignedTeams ?? [],
    tags: a.tags ?? [],
    externalId: a.externalId ?? null,
    customerId: data.relationships.customer.data.id,
  };
}

const successes = answers.filter((p) => p.status < 300);
const failures = answers.filter((p) => p.status >= 400);

describe('every 2xx payload in the corpus', () => {
  it('covers enough of Kustomer: at least 20 distinct payloads, every module route', () => {
    const distinct = new Set(corpus.map((p) => JSON.stringify(p.body)));
    expect(distinct.size).toBeGreaterThanOrEqual(20);
    const routes = new Set(successes.map((p) => `${p.method} ${p.route}`));
    for (const route of [
      'GET /v1/customers/email={email}',
      'POST /v1/customers',
      'POST /v1/customers/{id}/conversations',
      'GET /v1/conversations/externalId={externalId}',
      'POST /v1/conversations/{id}/messages',
      'POST /v1/messages/bulk',
      'POST /v1/conversations/{id}/notes',
      'GET /v1/conversations/{id}/notes',
    ])
      expect(routes).toContain(route);
  });

  it.each(successes.map((p) => [p.file, p] as const))(
    '%s is accepted by the client call for its route',
    async (_file, payload) => {
      const result = callFor(replaying(payload), payload);
      if (result) await expect(result).resolves.toBeDefined();
    },
  );

  it.each(
    successes.filter((p) => p.route.startsWith('/v1/customers') && !p.route.includes('/conv')),
  )('$file: the customer comes out with the fields the module uses', async (payload) => {
    const customer = await callFor(replaying(payload), payload);
    expect(customer).toMatchObject(customerOf((payload.body as any).data));
  });

  it.each(
    successes.filter(
      (p) =>
        /conversations/.test(p.route) && !/messages|notes/.test(p.route) && p.method !== 'POST',
    ),
  )('$file: the conversation comes out with the fields the module uses', async (payload) => {
    const conversation = await callFor(replaying(payload), payload);
    expect(conversation).toMatchObject(conversationOf((payload.body as any).data));
  });
});

describe('the shapes that used to break the client', () => {
  const byFile = (file: string) => successes.find((p) => p.file === file)!;

  it("reads Kustomer's note answer, whose userMentions relationship is a list", async () => {
    const payload = byFile('openapi/post-conversations-id-notes-201.json');
    const note = await callFor(replaying(payload), payload);
    expect(note).toMatchObject({
      id: '5828a3be7c7f551a00b5b720',
      conversationId: '57c8d2b365f7cc14004e674f',
      mentions: ['57c8ccd7b417854d0003246b'],
    });
  });

  it('reads a message whose customer relationship has type "customers"', async () => {
    const payload = byFile('openapi/get-conversations-id-messages-200.json');
    const [message] = (await callFor(replaying(payload), payload)) as any[];
    const raw = (payload.body as any).data[0];
    expect(message).toMatchObject({
      id: raw.id,
      customerId: raw.relationships.customer.data.id,
      conversationId: raw.relationships.conversation.data.id,
    });
  });

  it('reads a created conversation without priority, and its tags as ids', async () => {
    const payload = byFile('openapi/post-customers-id-conversations-201.json');
    const conversation = await callFor(replaying(payload), payload);
    expect(conversation).toMatchObject({ id: '58228e05d4e96711004eccb7', priority: null });
    const created = byFile('openapi/post-customers-201.json');
    expect(await callFor(replaying(created), created)).toMatchObject({
      tags: ['5822a4a5aa5f92110005d696', '5822a4a5aa5f92110005d698'],
    });
  });

  it("finds a note by the ref line of its body, as Kustomer's note answers show no externalId", async () => {
    const payload = structuredClone(byFile('openapi/get-conversations-id-notes-200.json'));
    const note = (payload.body as any).data[0];
    expect(note.attributes).not.toHaveProperty('externalId');
    note.attributes.body = 'Escalated by the chatbot.\n\nRef: esc-1:note';
    const client = replaying(payload);
    expect(await client.notes.findByExternalId(ID, 'esc-1:note')).toMatchObject({ id: note.id });
    expect(await client.notes.findByExternalId(ID, 'esc-2:note')).toBeNull();
  });

  it('names a missing field the module needs, and only that', async () => {
    const payload = byFile('openapi/get-customers-email-200.json');
    const broken = structuredClone(payload);
    delete (broken.body as any).data.id;
    await expect(callFor(replaying(broken), broken)).rejects.toThrow(
      /unexpected body: data\.id: [^;]*$/,
    );
  });
});

describe('every error payload in the corpus', () => {
  it.each(failures.map((p) => [p.file, p] as const))(
    '%s maps to the error class of its status',
    async (_file, payload) => {
      const outcome = await callFor(replaying(payload), payload)!.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if (payload.status === 404) return expect(outcome).toEqual({ value: null });
      const error = (outcome as { error: unknown }).error;
      if (payload.status === 401) return expect(isAuthError(error)).toBe(true);
      expect(isValidationError(error)).toBe(true);
      const item = (payload.body as any).errors[0];
      expect((error as KustomerValidationError).kustomerMessage).toBe(
        item.detail ?? item.message ?? item.title,
      );
    },
  );
});

describe('every recorded event carries a resource the client reads', () => {
  const readers: Record<string, (data: unknown) => unknown> = {
    customer: (data) => toCustomer(customerResource.parse(data)),
    conversation: (data) => toConversation(conversationResource.parse(data)),
    message: (data) => toMessage(messageResource.parse(data)),
  };

  it.each(events(corpus).map((e) => [e.file, e] as const))(
    '%s: its data parses as the resource GET would answer',
    (_file, payload) => {
      const data = payload.body.data as any;
      const read = readers[data.type];
      expect(read, `a reader for ${data.type}`).toBeDefined();
      expect(read!(data)).toMatchObject({ id: data.id });
    },
  );

  it('reads the customer of a recorded event that has only a displayName', () => {
    const event = events(corpus).find((e) => e.file.endsWith('pipedream-customer-create.json'))!;
    expect(readers.customer!(event.body.data)).toMatchObject({
      name: 'Silver Scissors',
      emails: [],
      phones: [],
    });
  });
});

describe('availability answers', () => {
  const answer = (route: string) => successes.find((p) => p.route === route)!;

  it("reads Kustomer's default schedule with its hours, zone and enabled holiday", async () => {
    const payload = answer('/v1/schedules/default');
    expect(await callFor(replaying(payload), payload)).toMatchObject({
      id: '5e21e0f9520ec30019df3dcf',
      timeZone: 'America/New_York',
      isDefault: true,
      hours: { 1: [[480, 1020]], 0: null },
      holidays: [{ startDate: '2020-03-12T04:00:00.000Z', endDate: '2020-03-14T03:59:59.000Z' }],
    });
  });

  it('leaves out a recorded work session that went offline (signed out, not routable)', async () => {
    const payload = answer('/v1/routing/work-sessions');
    expect(await callFor(replaying(payload), payload)).toEqual([]);
  });

  it('reads the latest wait of each queue, null for a queue without activity', async () => {
    const payload = answer('/v1/chat/queues/metrics/{ids}');
    expect(await callFor(replaying(payload), payload)).toEqual([
      { queueId: '601d589643f25e0013629719', latestWaitSeconds: null },
      { queueId: '601d5906e82a8600123ddb59', latestWaitSeconds: null },
      { queueId: '601d58f73f051d0012c08687', latestWaitSeconds: 4 },
    ]);
  });
});

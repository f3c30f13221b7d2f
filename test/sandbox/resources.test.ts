/**
 * What the sandbox answers: Kustomer's JSON:API envelopes (type, id, attributes, relationships
 * with links and data, links.self), the uniqueness Kustomer enforces on customer emails, phones
 * and externalIds (and not on conversation externalIds), and lists paged with links.next.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation, type KustomerErrorBody } from './support/http.js';

interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, unknown>;
  links: { self: string };
}
interface Page {
  meta: { page: number; pageSize: number };
  links: { self: string; first: string; prev: string | null; next: string | null };
  data: Resource[];
}

const ORG = '5a0000000000000000000001';
const TEAM_ID = '5f0000000000000000000001';
const TEAMS = Array.from({ length: 7 }, (_, i) => ({ name: `Team ${i + 1}` }));
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({ teams: TEAMS });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const rel = (type: string, id: string) => ({
  links: { self: `/v1/${type}s/${id}` },
  data: { type, id },
});

describe('envelopes', () => {
  it("answers in Kustomer's shapes: its examples' attributes and relationships, our ids", async () => {
    const { customerId, conversationId } = await seedConversation(sandbox, 'env@example.com');
    const customer = await api<{ data: Resource }>(sandbox, 'GET', `/v1/customers/${customerId}`);
    expect(customer.body.data).toMatchObject({
      type: 'customer',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      attributes: {
        emails: [{ email: 'env@example.com' }],
        displayName: 'env@example.com',
        conversationCounts: { all: 0, snoozed: 0, open: 0, done: 0 },
      },
      relationships: {
        org: rel('org', ORG),
        messages: { links: { self: `/v1/customers/${customerId}/messages` } },
      },
      links: { self: `/v1/customers/${customerId}` },
    });
    expect(customer.body.data.relationships!.messages).not.toHaveProperty('data');
    const conversation = await api<{ data: Resource }>(
      sandbox,
      'GET',
      `/v1/conversations/${conversationId}`,
    );
    expect(conversation.body.data).toMatchObject({
      type: 'conversation',
      attributes: { name: 'Help', status: 'open', direction: 'in', messageCount: 0 },
      relationships: {
        customer: rel('customer', customerId),
        org: rel('org', ORG),
        deletedBy: null,
        lockedBy: null,
        pinnedBy: null,
      },
      links: { self: `/v1/conversations/${conversationId}` },
    });
    // Created without a priority, as in Kustomer's example: none in the answer.
    expect(conversation.body.data.attributes).not.toHaveProperty('priority');
    const message = await api<{ data: Resource }>(
      sandbox,
      'POST',
      `/v1/conversations/${conversationId}/messages`,
      { body: { channel: 'chat', app: 'bot', direction: 'in', preview: 'hi' } },
    );
    expect(message.status).toBe(201);
    expect(message.body.data).toMatchObject({
      type: 'message',
      attributes: {
        channel: 'chat',
        app: 'bot',
        direction: 'in',
        preview: 'hi',
        status: 'received',
      },
      relationships: {
        customer: { data: { type: 'customers', id: customerId } },
        conversation: rel('conversation', conversationId),
      },
      links: { self: `/v1/messages/${message.body.data.id}` },
    });
    const note = await api<{ data: Resource }>(
      sandbox,
      'POST',
      `/v1/conversations/${conversationId}/notes`,
      { body: { body: 'summary', userMentions: [{ team: TEAM_ID }] } },
    );
    expect(note.body.data).toMatchObject({
      type: 'note',
      attributes: { body: 'summary' },
      relationships: {
        conversation: rel('conversation', conversationId),
        userMentions: { data: [{ type: 'team', id: TEAM_ID }] },
      },
      links: { self: `/v1/notes/${note.body.data.id}` },
    });
  });

  it('answers tags as ids, the same id for the same name', async () => {
    const { customerId } = await seedConversation(sandbox, 'tags@example.com');
    const create = (tags: string[]) =>
      api<{ data: Resource }>(sandbox, 'POST', `/v1/customers/${customerId}/conversations`, {
        body: { name: 'Tagged', tags },
      });
    const [first, second] = [await create(['vip', 'chatbot']), await create(['chatbot'])];
    const [vip, chatbot] = first.body.data.attributes.tags as string[];
    expect(vip).toMatch(/^[0-9a-f]{24}$/);
    expect(chatbot).not.toBe(vip);
    expect(second.body.data.attributes.tags).toEqual([chatbot]);
    // The sandbox's own state keeps the names, for the inspector.
    expect(sandbox.state().conversations.at(-1)!.tags).toEqual(['chatbot']);
  });

  it('rejects a whole bulk job when one item names no conversation', async () => {
    const { conversationId } = await seedConversation(sandbox, 'bulk2@example.com');
    const reply = await api<KustomerErrorBody>(sandbox, 'POST', '/v1/messages/bulk', {
      body: [
        { channel: 'chat', app: 'bot', conversation: conversationId },
        { channel: 'chat', app: 'bot', conversation: '5f00000000000000000000aa' },
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]!.source).toEqual({ pointer: '/1/conversation' });
    expect(sandbox.state().messages).toEqual([]);
  });
});

describe('uniqueness', () => {
  const create = (body: unknown) =>
    api<KustomerErrorBody>(sandbox, 'POST', '/v1/customers', { body });

  it.each([
    ['email, in any case', { emails: [{ email: 'Jane@Example.com' }] }],
    ['phone', { phones: [{ phone: '+15555550123' }] }],
    ['externalId', { externalId: 'crm-1' }],
  ])(
    'rejects a second customer with the same %s, in words that do not say why',
    async (_case, body) => {
      const first = await create({
        emails: [{ email: 'jane@example.com' }],
        phones: [{ phone: '+15555550123' }],
        externalId: 'crm-1',
      });
      expect(first.status).toBe(201);
      const second = await create(body);
      expect(second.status).toBe(400);
      // Kustomer documents neither the status nor the words: the docs' generic 400 text.
      expect(second.body.errors[0]).toEqual({
        code: 'bad_request',
        message: 'Invalid request body or parameters.',
        meta: {},
      });
      expect(sandbox.state().customers).toHaveLength(1);
    },
  );

  it('rejects an update that would take another customer’s email, but not a customer’s own', async () => {
    await create({ emails: [{ email: 'a@example.com' }] });
    const b = (await create({ emails: [{ email: 'b@example.com' }] })) as unknown as {
      body: { data: Resource };
    };
    const path = `/v1/customers/${b.body.data.id}`;
    const steal = await api(sandbox, 'PUT', path, {
      body: { emails: [{ email: 'a@example.com' }] },
    });
    expect(steal.status).toBe(400);
    const own = await api(sandbox, 'PUT', path, {
      body: { name: 'B', emails: [{ email: 'b@example.com' }] },
    });
    expect(own.status).toBe(200);
  });

  it('answers 409 instead when configured to', async () => {
    const strict = await startTestSandbox({ duplicateStatus: 409 });
    try {
      const body = { externalId: 'crm-9' };
      expect((await api(strict, 'POST', '/v1/customers', { body })).status).toBe(201);
      expect((await api(strict, 'POST', '/v1/customers', { body })).status).toBe(409);
    } finally {
      await strict.close();
    }
  });

  it('does not enforce unique conversation externalIds (Kustomer does not document it)', async () => {
    const { customerId } = await seedConversation(sandbox, 'conv@example.com');
    const path = `/v1/customers/${customerId}/conversations`;
    for (let i = 0; i < 2; i += 1) {
      expect((await api(sandbox, 'POST', path, { body: { externalId: 'chat-1' } })).status).toBe(
        201,
      );
    }
  });
});

describe('pagination', () => {
  it('pages with links.next until it is null, with meta and prev/first links', async () => {
    const pages: Page[] = [];
    for (let next: string | null = '/v1/teams?pageSize=3'; next;) {
      const reply: { body: Page } = await api<Page>(sandbox, 'GET', next);
      pages.push(reply.body);
      next = reply.body.links.next;
    }
    expect(pages.map((p) => p.meta)).toEqual([1, 2, 3].map((page) => ({ page, pageSize: 3 })));
    expect(pages.map((p) => p.links.prev)).toEqual([
      null,
      '/v1/teams?page=1&pageSize=3',
      '/v1/teams?page=2&pageSize=3',
    ]);
    expect(pages[0]!.links.first).toBe('/v1/teams?page=1&pageSize=3');
    expect(pages[0]!.data[0]).toMatchObject({
      type: 'team',
      relationships: { org: rel('org', ORG) },
      links: { self: `/v1/teams/${pages[0]!.data[0]!.id}` },
    });
    const names = pages.flatMap((p) => p.data.map((t) => t.attributes.name));
    expect(names).toEqual(TEAMS.map((t) => t.name));
  });

  it('caps pageSize at the endpoint maximum', async () => {
    const teams = await api<Page>(sandbox, 'GET', '/v1/teams?pageSize=9999');
    expect(teams.body.meta.pageSize).toBe(500);
    const { conversationId } = await seedConversation(sandbox, 'page@example.com');
    const messages = await api<Page>(
      sandbox,
      'GET',
      `/v1/conversations/${conversationId}/messages?pageSize=9999`,
    );
    expect(messages.body.meta.pageSize).toBe(100);
  });
});

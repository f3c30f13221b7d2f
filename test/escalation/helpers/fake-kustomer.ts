/**
 * An in-process stand-in for the Kustomer client, for flow tests of logic that does not depend on
 * HTTP (the over-HTTP tests use the sandbox). Faults are injected per operation.
 */
import {
  KustomerNetworkError,
  KustomerUnavailableError,
  type KustomerError,
} from '../../../src/kustomer/errors.js';
import type {
  Conversation,
  Customer,
  KustomerClient,
  Message,
  Note,
  Team,
} from '../../../src/kustomer/types.js';

export type Fault = KustomerError | 'reset-after-commit' | null;

export function createFakeKustomer(teams: Team[] = [{ id: 'a'.repeat(24), name: 'Support' }]) {
  const customers: Customer[] = [];
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  const notes: Note[] = [];
  const calls: string[] = [];
  const cache = new Map<string, Customer>();
  let fault: (op: string) => Fault = () => null;
  let seq = 0;
  const id = () => (++seq).toString(16).padStart(24, '0');

  async function op<T>(name: string, fn: () => T): Promise<T> {
    calls.push(name);
    await Promise.resolve();
    const f = fault(name);
    if (f === 'reset-after-commit') {
      fn();
      throw new KustomerNetworkError(`Kustomer ${name} failed: connection reset`);
    }
    if (f) throw f;
    return fn();
  }
  const customerOf = (email: string | undefined) =>
    customers.find((c) => email && c.emails.includes(email)) ?? null;

  const client = {
    customers: {
      cached: (identity: { email?: string }) =>
        identity.email ? (cache.get(identity.email) ?? null) : null,
      async findOrCreate(identity: { email?: string }) {
        const hit = identity.email ? cache.get(identity.email) : undefined;
        if (hit) return { customer: hit, created: false };
        const found = await op('GET customer', () => customerOf(identity.email));
        const customer =
          found ??
          (await op('POST customer', () => {
            const c = customerOf(identity.email);
            if (c) return c;
            const created = {
              id: id(),
              name: null,
              emails: identity.email ? [identity.email] : [],
              phones: [],
              externalId: null,
              tags: [],
              custom: {},
              conversationCounts: null,
              updatedAt: null,
            };
            customers.push(created);
            return created;
          }));
        if (identity.email) cache.set(identity.email, customer);
        return { customer, created: !found };
      },
    },
    conversations: {
      getByExternalId: (externalId: string) =>
        op(
          'GET conversation',
          () => conversations.find((c) => c.externalId === externalId) ?? null,
        ),
      create: (
        input: Omit<
          Conversation,
          'id' | 'createdAt' | 'status' | 'assignedTeams' | 'tags' | 'custom' | 'priority'
        > &
          Partial<Conversation>,
      ) =>
        op('POST conversation', () => {
          const c: Conversation = {
            id: id(),
            customerId: input.customerId,
            name: input.name ?? null,
            status: 'open',
            priority: input.priority ?? null,
            assignedTeams: input.assignedTeams ?? [],
            tags: input.tags ?? [],
            externalId: input.externalId ?? null,
            custom: input.custom ?? {},
            createdAt: null,
            updatedAt: null,
          };
          conversations.push(c);
          return c;
        }),
    },
    messages: {
      addTranscript: (
        conversationId: string,
        lines: { externalId: string; direction: 'in' | 'out'; text: string }[],
        options?: { resume?: boolean },
      ) =>
        op('POST messages', () => {
          let created = 0;
          let skipped = 0;
          for (const line of lines) {
            if (
              options?.resume &&
              messages.some(
                (m) => m.conversationId === conversationId && m.externalId === line.externalId,
              )
            ) {
              skipped += 1;
              continue;
            }
            messages.push({
              id: id(),
              conversationId,
              customerId: null,
              direction: line.direction,
              channel: 'chat',
              app: 'chatbot',
              preview: line.text,
              externalId: line.externalId,
              sentAt: null,
              createdAt: null,
              importedAt: null,
              status: null,
              auto: false,
            });
            created += 1;
          }
          return { created, skipped, requests: 1 };
        }),
    },
    notes: {
      create: (conversationId: string, input: { body: string; externalId?: string }) =>
        op('POST note', () => {
          const n = {
            id: id(),
            conversationId,
            body: input.body,
            externalId: input.externalId ?? null,
            mentions: [],
          };
          notes.push(n);
          return n;
        }),
      findByExternalId: (conversationId: string, externalId: string) =>
        op(
          'GET note',
          () =>
            notes.find((n) => n.conversationId === conversationId && n.externalId === externalId) ??
            null,
        ),
    },
    teams: { list: () => op('GET teams', () => teams) },
    conversationUrl: (cid: string) => `https://example.kustomerapp.com/app/conversations/${cid}`,
    metrics: () => ({ rateLimit: { limit: null, remaining: null, resetAt: null } }),
  };

  return {
    client: client as unknown as KustomerClient,
    state: { customers, conversations, messages, notes, calls },
    setFault(next: (op: string) => Fault) {
      fault = next;
    },
    outage: () => new KustomerUnavailableError('Kustomer GET /v1 failed: 503'),
  };
}

/** Conversations: https://developer.kustomer.com/api/core-resources/create-conversation */
import { objectId } from './data.js';
import { conversationResource } from './envelope.js';
import {
  checkBody,
  iso,
  notFound,
  objectBody,
  perCustomer,
  type Route,
  type RouteContext,
} from './route-types.js';
import type { SandboxConversation } from './types.js';

const READ = ['org.permission.conversation.read', 'org.user.conversation.read'];
const CREATE = ['org.permission.conversation.create', 'org.user.conversation.write'];
const UPDATE = ['org.permission.conversation.update', 'org.user.conversation.write'];

type Body = Partial<
  Pick<
    SandboxConversation,
    'name' | 'priority' | 'direction' | 'assignedTeams' | 'tags' | 'externalId' | 'custom'
  >
> & {
  status?: SandboxConversation['status'];
  customer?: string;
  importedAt?: string;
};

function create(ctx: RouteContext, customerId: string) {
  const body = objectBody(ctx.body) as Body;
  const customer = ctx.core.store.customer(customerId) ?? notFound('customer');
  perCustomer(ctx.core, 'conversation', customer.id, Boolean(body.importedAt));
  const now = iso(ctx.core);
  const conversation: SandboxConversation = {
    id: objectId(),
    customerId: customer.id,
    name: body.name ?? null,
    status: body.status ?? 'open',
    priority: body.priority ?? null,
    direction: body.direction ?? null,
    assignedTeams: body.assignedTeams ?? [],
    tags: body.tags ?? [],
    externalId: body.externalId ?? null,
    custom: body.custom ?? {},
    createdAt: now,
    updatedAt: now,
  };
  ctx.core.store.data.conversations.push(conversation);
  ctx.core.store.routing.onConversationCreated(conversation.id, now);
  return { status: 201, body: { data: conversationResource(conversation) } };
}

function update(ctx: RouteContext) {
  checkBody(ctx.core, 'conversation.update', ctx.body);
  const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
  const body = objectBody(ctx.body) as Body;
  for (const key of [
    'name',
    'status',
    'priority',
    'direction',
    'assignedTeams',
    'tags',
    'externalId',
  ] as const) {
    if (body[key] !== undefined) Object.assign(conversation, { [key]: body[key] });
  }
  if (body.customer)
    conversation.customerId = (ctx.core.store.customer(body.customer) ?? notFound('customer')).id;
  if (body.custom) conversation.custom = { ...conversation.custom, ...body.custom };
  conversation.updatedAt = iso(ctx.core);
  return { status: 200, body: { data: conversationResource(conversation) } };
}

export const conversationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/conversations/externalId={externalId}',
    values: { externalId: 'text' },
    roles: READ,
    handle({ params, core }) {
      const externalId = params[0]!;
      const found = core.store.data.conversations.find((c) => c.externalId === externalId);
      return {
        status: 200,
        body: { data: conversationResource(found ?? notFound('conversation')) },
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/conversations/{id}',
    roles: READ,
    handle: ({ params, core }) => ({
      status: 200,
      body: {
        data: conversationResource(core.store.conversation(params[0]!) ?? notFound('conversation')),
      },
    }),
  },
  {
    method: 'POST',
    path: '/v1/customers/{id}/conversations',
    roles: CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'conversation.create', ctx.body);
      return create(ctx, ctx.params[0]!);
    },
  },
  {
    method: 'POST',
    path: '/v1/conversations',
    roles: CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'conversation.createWithCustomer', ctx.body);
      return create(ctx, String((ctx.body as Body).customer));
    },
  },
  {
    method: 'PUT',
    path: '/v1/conversations/{id}',
    roles: UPDATE,
    handle: update,
  },
  {
    method: 'PATCH',
    path: '/v1/conversations/{id}',
    roles: UPDATE,
    handle: update,
  },
];

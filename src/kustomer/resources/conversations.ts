/**
 * Conversations: created on the customer (POST /v1/customers/{id}/conversations, so the body
 * carries no customer field), looked up by id or externalId, updated with a merging PUT (PATCH is
 * documented with a JSON-Patch media type; PUT without replace=true merges with plain JSON).
 * https://developer.kustomer.com/api/core-resources/create-conversation
 */
import type { z } from 'zod';
import { fitExternalId } from '../limits.js';
import { rolesFor } from '../permissions.js';
import { conversationResource, relatedId, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type {
  CallOptions,
  Conversation,
  CreateConversationInput,
  UpdateConversationInput,
} from '../types.js';

const single = singleSchema(conversationResource);

export function toConversation(
  resource: z.infer<typeof conversationResource>,
  customerId?: string,
): Conversation {
  const a = resource.attributes;
  return {
    id: resource.id,
    customerId: relatedId(resource, 'customer') ?? customerId ?? '',
    name: a.name,
    status: a.status,
    priority: a.priority,
    assignedTeams: a.assignedTeams,
    tags: a.tags,
    externalId: a.externalId,
    custom: a.custom,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([, v]) =>
        v !== undefined &&
        !(Array.isArray(v) && v.length === 0) &&
        !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
  );
}

export function createConversations(transport: Transport) {
  const read = rolesFor('conversation.read');
  return {
    async create(input: CreateConversationInput, options: CallOptions = {}): Promise<Conversation> {
      const created = await transport.call({
        ...options,
        method: 'POST',
        route: '/v1/customers/{id}/conversations',
        params: { id: input.customerId },
        body: defined({
          name: input.name,
          status: input.status ?? 'open',
          priority: input.priority,
          direction: input.direction ?? 'in',
          assignedTeams: input.assignedTeams,
          tags: input.tags,
          externalId: input.externalId && fitExternalId(input.externalId),
          custom: input.custom,
        }),
        schema: single,
        roles: rolesFor('conversation.create'),
      });
      return toConversation(created.data, input.customerId);
    },
    async get(id: string, options: CallOptions = {}): Promise<Conversation | null> {
      const found = await transport.find({
        ...options,
        method: 'GET',
        route: '/v1/conversations/{id}',
        params: { id },
        schema: single,
        roles: read,
      });
      return found ? toConversation(found.data) : null;
    },
    async getByExternalId(
      externalId: string,
      options: CallOptions = {},
    ): Promise<Conversation | null> {
      const found = await transport.find({
        ...options,
        method: 'GET',
        route: '/v1/conversations/externalId={externalId}',
        params: { externalId: fitExternalId(externalId) },
        schema: single,
        roles: read,
      });
      return found ? toConversation(found.data) : null;
    },
    async update(
      id: string,
      patch: UpdateConversationInput,
      options: CallOptions = {},
    ): Promise<Conversation> {
      const updated = await transport.call({
        ...options,
        method: 'PUT',
        route: '/v1/conversations/{id}',
        params: { id },
        body: patch,
        schema: single,
        roles: rolesFor('conversation.update'),
      });
      return toConversation(updated.data);
    },
  };
}

/**
 * Internal notes on a conversation (never shown to the customer).
 * https://developer.kustomer.com/api/core-resources/create-note
 */
import type { z } from 'zod';
import { fitExternalId } from '../limits.js';
import { rolesFor } from '../permissions.js';
import { listSchema, noteResource, relatedId, relatedIds, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions, CreateNoteInput, Note } from '../types.js';
import { collectPages } from './paging.js';

const NOTE_MAX = 10_240;

function toNote(resource: z.infer<typeof noteResource>, conversationId: string): Note {
  return {
    id: resource.id,
    conversationId: relatedId(resource, 'conversation') ?? conversationId,
    body: resource.attributes.body,
    externalId: resource.attributes.externalId,
    mentions: relatedIds(resource, 'userMentions'),
  };
}

export function createNotes(transport: Transport) {
  return {
    async create(
      conversationId: string,
      input: CreateNoteInput,
      options: CallOptions = {},
    ): Promise<Note> {
      const body =
        input.body.length > NOTE_MAX ? `${input.body.slice(0, NOTE_MAX - 1)}…` : input.body;
      const created = await transport.call({
        ...options,
        method: 'POST',
        path: `/v1/conversations/${encodeURIComponent(conversationId)}/notes`,
        route: '/v1/conversations/{id}/notes',
        body: {
          body,
          ...(input.externalId ? { externalId: fitExternalId(input.externalId) } : {}),
        },
        schema: singleSchema(noteResource),
        roles: rolesFor('note.create'),
      });
      return toNote(created.data, conversationId);
    },
    async findByExternalId(
      conversationId: string,
      externalId: string,
      options: CallOptions = {},
    ): Promise<Note | null> {
      const notes = await collectPages(transport, {
        ...options,
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(conversationId)}/notes`,
        route: '/v1/conversations/{id}/notes',
        query: { pageSize: 100 },
        schema: listSchema(noteResource),
        roles: rolesFor('note.read'),
      });
      const wanted = fitExternalId(externalId);
      const found = notes.find((note) => note.attributes.externalId === wanted);
      return found ? toNote(found, conversationId) : null;
    },
  };
}

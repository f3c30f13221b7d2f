/**
 * Internal notes on a conversation (never shown to the customer).
 * https://developer.kustomer.com/api/core-resources/create-note
 *
 * A note's externalId is accepted on create, but none of Kustomer's note answers shows it back
 * (the Core Resources examples of create, get and list carry only body and dates). So the note's
 * body also ends with a `Ref: <externalId>` line, and a lookup matches either: a resumed
 * escalation finds its note whether or not Kustomer echoes the externalId.
 */
import type { z } from 'zod';
import { fitExternalId } from '../limits.js';
import { rolesFor } from '../permissions.js';
import { listSchema, noteResource, relatedId, relatedIds, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions, CreateNoteInput, Note } from '../types.js';
import { collectPages } from './paging.js';

const NOTE_MAX = 10_240;

const refLine = (externalId: string) => `\n\nRef: ${externalId}`;

/** The body within Kustomer's 10,240 characters, ending with the ref line when there is one. */
function noteBody(body: string, externalId: string | null): string {
  const ref = externalId ? refLine(externalId) : '';
  const room = NOTE_MAX - ref.length;
  return `${body.length > room ? `${body.slice(0, room - 1)}…` : body}${ref}`;
}

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
      const externalId = input.externalId ? fitExternalId(input.externalId) : null;
      const created = await transport.call({
        ...options,
        method: 'POST',
        route: '/v1/conversations/{id}/notes',
        params: { id: conversationId },
        body: { body: noteBody(input.body, externalId), ...(externalId ? { externalId } : {}) },
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
        route: '/v1/conversations/{id}/notes',
        params: { id: conversationId },
        query: { pageSize: 100 },
        schema: listSchema(noteResource),
        roles: rolesFor('note.read'),
      });
      const wanted = fitExternalId(externalId);
      const found = notes.find(
        (note) =>
          note.attributes.externalId === wanted ||
          (note.attributes.body?.endsWith(refLine(wanted)) ?? false),
      );
      return found ? toNote(found, conversationId) : null;
    },
  };
}

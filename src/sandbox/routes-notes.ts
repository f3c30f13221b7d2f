/**
 * Internal notes on a conversation.
 * https://developer.kustomer.com/api/core-resources/create-note
 */
import { objectId } from './data.js';
import { noteResource } from './envelope.js';
import {
  checkBody,
  conversationChildren,
  iso,
  notFound,
  objectBody,
  perCustomer,
  type Route,
} from './route-types.js';
import type { SandboxNote } from './types.js';

// The spec prints org.user.note.read as the legacy role for creating a note in a conversation,
// most likely a typo for .write; both are accepted.
const NOTE_CREATE = ['org.permission.note.create', 'org.user.note.write', 'org.user.note.read'];
const NOTE_READ = ['org.permission.note.read', 'org.user.note.read'];

export const noteRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/conversations/{id}/notes',
    roles: NOTE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'note.create', ctx.body);
      const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
      const body = objectBody(ctx.body) as {
        body: string;
        externalId?: string;
        userMentions?: SandboxNote['userMentions'];
      };
      perCustomer(ctx.core, 'note', conversation.customerId, false);
      const note = {
        id: objectId(),
        conversationId: conversation.id,
        customerId: conversation.customerId,
        body: body.body,
        externalId: body.externalId ?? null,
        userMentions: body.userMentions ?? [],
        createdAt: iso(ctx.core),
      };
      ctx.core.store.data.notes.push(note);
      return { status: 201, body: { data: noteResource(note) } };
    },
  },
  {
    method: 'GET',
    path: '/v1/conversations/{id}/notes',
    roles: NOTE_READ,
    handle: (ctx) => conversationChildren(ctx, (data) => data.notes, noteResource),
  },
];

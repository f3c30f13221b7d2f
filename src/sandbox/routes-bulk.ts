/**
 * Bulk message creation and its job. In Kustomer the bulk create is an asynchronous job; the
 * sandbox completes it at once and answers with the job already `completed`, the fastest case a
 * client must handle. Every item is validated before any is written, as a rejected job must leave
 * nothing behind.
 */
import { objectId } from './data.js';
import { SandboxHttpError } from './http-error.js';
import { checkBody, iso, notFound, perCustomer, type Route } from './route-types.js';
import { MESSAGE_CREATE, newMessage, type MessageBody } from './routes-messages.js';

function bulkResource(job: { id: string; ids: string[]; createdAt: string }) {
  return {
    type: 'bulk',
    id: job.id,
    attributes: {
      ids: job.ids,
      context: 'message',
      status: 'completed',
      completed: true,
      v2: true,
      createdAt: job.createdAt,
      updatedAt: job.createdAt,
    },
    links: { self: `/v1/bulk/${job.id}` },
  };
}

export const bulkRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/messages\/bulk$/,
    name: 'POST /v1/messages/bulk',
    roles: MESSAGE_CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'message.bulk', ctx.body);
      if (!Array.isArray(ctx.body))
        throw new SandboxHttpError(400, 'bad_request', 'the body must be an array', '/');
      const items = ctx.body as MessageBody[];
      // Validate every item before writing any, so a rejected job leaves nothing behind.
      const targets = items.map((item, i) => {
        const conversation = item.conversation
          ? ctx.core.store.conversation(item.conversation)
          : null;
        if (!conversation)
          throw new SandboxHttpError(
            400,
            'bad_request',
            `/${i}/conversation must name an existing conversation`,
            `/${i}/conversation`,
          );
        return conversation;
      });
      const messages = items.map((item, i) => {
        perCustomer(ctx.core, 'message', targets[i]!.customerId, Boolean(item.importedAt));
        return newMessage(ctx, targets[i]!, item);
      });
      ctx.core.store.data.messages.push(...messages);
      const job = { id: objectId(), ids: messages.map((m) => m.id), createdAt: iso(ctx.core) };
      ctx.core.store.data.bulkJobs.push(job);
      return { status: 200, body: { data: bulkResource(job) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/bulk\/([0-9a-f]{24})$/,
    name: 'GET /v1/bulk/{id}',
    roles: null,
    handle: ({ params, core }) => ({
      status: 200,
      body: {
        data: bulkResource(
          core.store.data.bulkJobs.find((j) => j.id === params[0]) ?? notFound('bulk job'),
        ),
      },
    }),
  },
];

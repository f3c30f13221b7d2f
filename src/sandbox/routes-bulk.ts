/**
 * Bulk message creation, its job and the job's batches. POST answers with the job as Kustomer's
 * example shows it, but at creation: `ids: []`, not yet complete; the items are written when the
 * job finishes (bulk-jobs.ts). Every item is validated before the job is accepted, as a rejected
 * POST must leave nothing behind.
 * https://developer.kustomer.com/api/core-resources/bulk-create-messages
 */
import { startBulkJob, jobStatus, type BulkJob } from './bulk-jobs.js';
import { SandboxHttpError } from './http-error.js';
import {
  checkBody,
  notFound,
  perCustomer,
  type Route,
  type RouteContext,
  type SandboxCore,
} from './route-types.js';
import { MESSAGE_CREATE } from './route-roles.js';
import { newMessage, type MessageBody } from './routes-messages.js';

const ORG_ID = '5a0000000000000000000001';
const USER_ID = '5a0000000000000000000002';
const BULK_READ = ['org.permission.bulk.read', 'org.user.bulk.read'];

const rel = (type: string, id: string) => ({
  links: { self: `/v1/${type}s/${id}` },
  data: { type, id },
});

/** Kustomer's example bulk resource (BulkCreateMessages, 200), filled from the job. */
function bulkResource(core: SandboxCore, job: BulkJob) {
  const status = jobStatus(core, job);
  return {
    type: 'bulk',
    id: job.id,
    attributes: {
      ids: [],
      context: 'api.sobjects.messages.bulk-create',
      status,
      v2: true,
      payload: {
        api: {
          data: job.summaries,
          path: '/v1/messages',
          user: {
            id: USER_ID,
            userType: 'user',
            roles: ['org'],
            orgName: 'sandbox',
            subject: USER_ID,
            org: ORG_ID,
          },
          requestId: job.batch.id,
          service: 'sobjects',
          method: 'POST',
        },
      },
      batches: { complete: status === 'complete' ? 1 : 0, total: 1 },
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      completed: status === 'complete',
    },
    relationships: { org: rel('org', ORG_ID), createdBy: rel('user', USER_ID) },
    links: { self: `/v1/bulk/${job.id}` },
  };
}

/**
 * One batch per job (a job holds at most 100 items). Kustomer documents the fields of a batch
 * (status queued | scheduled | complete, objectIds, successCount, failureCount, completedAt,
 * errors) but shows no example of the envelope; this one is the JSON:API list Kustomer uses
 * everywhere else.
 */
function batchResource(core: SandboxCore, job: BulkJob) {
  const complete = jobStatus(core, job) === 'complete';
  return {
    type: 'bulk_batch',
    id: job.batch.id,
    attributes: {
      status: complete ? 'complete' : 'scheduled',
      objectIds: complete ? job.batch.objectIds : [],
      successCount: complete ? job.batch.successCount : 0,
      failureCount: complete ? job.batch.failureCount : 0,
      errors: complete ? job.batch.errors : [],
      completedAt: job.completedAt,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
    },
    relationships: { bulk: { data: { type: 'bulk', id: job.id } } },
  };
}

/** The job named in the path; a job whose status is made unreadable answers 404 like an unknown one. */
function readableJob(ctx: RouteContext): BulkJob {
  const job = ctx.core.store.data.bulkJobs.find((j) => j.id === ctx.params[0]);
  if (!job || job.unreadable) return notFound('bulk job');
  return job;
}

function acceptBulk(ctx: RouteContext) {
  checkBody(ctx.core, 'message.bulk', ctx.body);
  if (!Array.isArray(ctx.body))
    throw new SandboxHttpError(400, 'bad_request', 'the body must be an array', '/');
  const bodies = ctx.body as MessageBody[];
  // Validate every item before accepting the job, so a rejected one leaves nothing behind.
  const items = bodies.map((body, i) => {
    const conversation = body.conversation ? ctx.core.store.conversation(body.conversation) : null;
    if (!conversation)
      throw new SandboxHttpError(
        400,
        'bad_request',
        `/${i}/conversation must name an existing conversation`,
        `/${i}/conversation`,
      );
    return { conversation, body };
  });
  for (const { conversation, body } of items)
    perCustomer(ctx.core, 'message', conversation.customerId, Boolean(body.importedAt));
  const job = startBulkJob(
    ctx.core,
    ctx.core.bulk,
    items.map(({ conversation, body }) => ({
      conversation,
      build: () => newMessage(ctx.core, conversation, body),
    })),
  );
  return { status: 200, body: { data: bulkResource(ctx.core, job) } };
}

export const bulkRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/messages/bulk',
    roles: MESSAGE_CREATE,
    handle: acceptBulk,
  },
  {
    method: 'GET',
    path: '/v1/bulk/{id}',
    roles: BULK_READ,
    handle: (ctx) => ({ status: 200, body: { data: bulkResource(ctx.core, readableJob(ctx)) } }),
  },
  {
    method: 'GET',
    path: '/v1/bulk/{id}/batches',
    roles: BULK_READ,
    handle: (ctx) => ({
      status: 200,
      body: { data: [batchResource(ctx.core, readableJob(ctx))] },
    }),
  },
];

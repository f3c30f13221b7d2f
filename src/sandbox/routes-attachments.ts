/**
 * Attachments as Kustomer takes them (https://developer.kustomer.com/api/core-resources/create-attachment):
 * POST /v1/attachments answers with the attachment and a temporary upload form (`meta.upload`:
 * a URL and the fields to send with the file, S3's presigned POST in production); the form here
 * points at the sandbox's own /uploads/attachments (see uploads.ts). A message then references
 * the attachment by id, and GET /v1/messages/{id}/attachments/{id} gives its download link in
 * `links.related`.
 */
import { createHash } from 'node:crypto';
import { objectId } from './data.js';
import { attachmentResource } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import { MESSAGE_CREATE } from './route-roles.js';
import {
  checkBody,
  iso,
  notFound,
  objectBody,
  type Route,
  type RouteContext,
  type SandboxCore,
} from './route-types.js';
import type { SandboxAttachment, SandboxMessage } from './types.js';

const NOTE_CREATE = ['org.permission.note.create', 'org.user.note.write'];
const ATTACHMENT_READ = ['org.permission.attachment.read', 'org.user.attachment.read'];

export const UPLOAD_PATH = '/uploads/attachments';

/** The form's fields, with the names and order of Kustomer's example (S3 presigned POST). */
function uploadForm(ctx: RouteContext, a: SandboxAttachment) {
  return {
    url: `${ctx.core.origin}${UPLOAD_PATH}`,
    fields: {
      key: `attachments/sandbox/${a.id}-${a.name}`,
      acl: 'private',
      'Content-Type': a.contentType,
      'X-Amz-Meta-Attachment-Id': a.id,
      bucket: 'sandbox-attachments',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'sandbox/s3/aws4_request',
      'X-Amz-Date': iso(ctx.core).replace(/[-:]/g, '').replace(/\.\d+/, ''),
      Policy: a.policy,
      'X-Amz-Signature': createHash('sha256').update(a.policy).digest('hex'),
    },
  };
}

export const downloadUrl = (origin: string, a: SandboxAttachment) =>
  `${origin}${UPLOAD_PATH}/${a.id}?X-Amz-Signature=${createHash('sha256').update(a.policy).digest('hex')}`;

/** The message's `attachments` (objects with `_id`, or plain ids): each must exist, uploaded. */
export function referencedAttachments(core: SandboxCore, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown, i) => {
    const id = typeof item === 'string' ? item : (item as { _id?: string } | null)?._id;
    const found = id ? core.store.attachment(id) : null;
    if (!found || found.data === null)
      throw new SandboxHttpError(
        400,
        'bad_request',
        `/attachments/${i} is not an uploaded attachment`,
        `/attachments/${i}`,
      );
    return found.id;
  });
}

function onMessage(ctx: RouteContext): { message: SandboxMessage; attachment: SandboxAttachment } {
  const [messageId, attachmentId] = ctx.params as [string, string];
  const message =
    ctx.core.store.data.messages.find((m) => m.id === messageId) ?? notFound('message');
  if (!message.attachmentIds.includes(attachmentId)) notFound('attachment');
  return { message, attachment: ctx.core.store.attachment(attachmentId)! };
}

export const attachmentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/attachments',
    roles: [...MESSAGE_CREATE, ...NOTE_CREATE],
    handle(ctx) {
      checkBody(ctx.core, 'attachment.create', ctx.body);
      const body = objectBody(ctx.body) as {
        name: string;
        contentType: string;
        contentLength: number;
      };
      const attachment: SandboxAttachment = {
        id: objectId(),
        name: body.name,
        contentType: body.contentType,
        contentLength: body.contentLength,
        policy: createHash('sha256').update(objectId()).digest('base64url'),
        data: null,
        createdAt: iso(ctx.core),
      };
      ctx.core.store.data.attachments.push(attachment);
      return {
        status: 201,
        body: {
          data: attachmentResource(attachment),
          meta: { upload: uploadForm(ctx, attachment) },
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/attachments/{id}',
    roles: ATTACHMENT_READ,
    handle(ctx) {
      const attachment = ctx.core.store.attachment(ctx.params[0]!) ?? notFound('attachment');
      return {
        status: 200,
        body: {
          data: attachmentResource(attachment),
          meta: { upload: uploadForm(ctx, attachment) },
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/messages/{message_id}/attachments/{id}',
    roles: ATTACHMENT_READ,
    handle(ctx) {
      const { message, attachment } = onMessage(ctx);
      const url = downloadUrl(ctx.core.origin, attachment);
      return {
        status: 200,
        body: { data: attachmentResource(attachment, { messageId: message.id, url }) },
      };
    },
  },
];

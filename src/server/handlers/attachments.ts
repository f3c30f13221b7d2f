/**
 * GET /api/escalations/:id/attachments/:messageId/:attachmentId?sessionId=: a file an agent sent,
 * for the chat session that escalated. Only an attachment of a reply stored on this escalation
 * may be asked for (anything else: 404); the server asks Kustomer for the file's short-lived
 * link with its own key and streams the file back, so neither the key nor the storage URL
 * reaches the browser.
 */
import { isKustomerError } from '../../kustomer/errors.js';
import { ApiError } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';
import { requireSessionId } from './live-chat.js';

/** Agents' files in a chat are documents and photos; a larger answer is cut off, not relayed. */
const MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024;

const unavailable = () =>
  new ApiError(502, 'attachment_unavailable', 'the file could not be fetched from Kustomer now');

/** `attachment; filename*=` so any name is safe in the header and the browser saves it. */
const disposition = (name: string) =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name.replace(/[\r\n]/g, ' '))}`;

async function download(ctx: RequestContext): Promise<Response> {
  const sessionId = requireSessionId(ctx);
  const { id, messageId, attachmentId } = ctx.params as Record<string, string>;
  const record = await ctx.services.escalations.chat.read(id!, sessionId);
  const file = record?.replies
    .find((r) => r.id === messageId)
    ?.attachments?.find((a) => a.id === attachmentId);
  if (!file) throw new ApiError(404, 'not_found', 'no such file in this conversation');
  let link: Awaited<ReturnType<typeof ctx.services.client.attachments.downloadLink>>;
  try {
    link = await ctx.services.client.attachments.downloadLink(messageId!, attachmentId!);
  } catch (error) {
    if (isKustomerError(error)) throw unavailable();
    throw error;
  }
  if (!link.url) throw unavailable();
  const upstream = await fetch(link.url).catch(() => null);
  const size = Number(upstream?.headers.get('content-length') ?? 0);
  if (!upstream?.ok || !upstream.body || size > MAX_DOWNLOAD_BYTES) throw unavailable();
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'content-type':
        link.contentType ?? upstream.headers.get('content-type') ?? 'application/octet-stream',
      ...(size ? { 'content-length': String(size) } : {}),
      'content-disposition': disposition(link.name ?? file.name),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export const attachmentRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/escalations/:id/attachments/:messageId/:attachmentId',
    handler: download,
  },
];

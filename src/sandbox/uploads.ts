/**
 * The storage side of attachments, standing in for the S3 bucket Kustomer's upload forms point
 * at: POST /uploads/attachments takes a multipart form (the form's fields, the file last under
 * "file") and answers 204 as S3 does without success_action_status; a form whose attachment id
 * or policy does not match what POST /v1/attachments issued, or whose file is not the size
 * declared, is refused 403 / 400 as S3 refuses a policy it cannot verify. GET
 * /uploads/attachments/{id}?X-Amz-Signature= serves the file back (the link in `links.related`).
 * Injected faults apply here too, so a test can fail an upload.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxRequest } from './door.js';
import { errorBody } from './envelope.js';
import { downloadUrl, UPLOAD_PATH } from './routes-attachments.js';
import type { SandboxRuntime } from './sandbox-runtime.js';
import { sendJson } from './send-json.js';

/** S3 allows 5 GB in one POST; the sandbox keeps files in memory, so it holds far less. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

async function readAll(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const refuse = (res: ServerResponse, status: number, detail: string) =>
  sendJson(
    res,
    status,
    errorBody(status, status === 403 ? 'AccessDenied' : 'InvalidArgument', detail),
  );

async function upload(rt: SandboxRuntime, req: IncomingMessage, res: ServerResponse) {
  const raw = await readAll(req);
  if (!raw) return refuse(res, 400, 'EntityTooLarge');
  const form = await new Response(raw, {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  })
    .formData()
    .catch(() => null);
  const file = form?.get('file');
  if (!form || !(file instanceof Blob))
    return refuse(res, 400, 'a multipart form with a file is required');
  const attachment = rt.core.store.attachment(String(form.get('X-Amz-Meta-Attachment-Id') ?? ''));
  if (!attachment || form.get('Policy') !== attachment.policy)
    return refuse(res, 403, 'Invalid according to Policy');
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length !== attachment.contentLength)
    return refuse(res, 400, 'the file is not the contentLength the attachment declared');
  attachment.data = bytes.toString('base64');
  res.writeHead(204).end();
}

function download(rt: SandboxRuntime, res: ServerResponse, url: URL) {
  const id = url.pathname.slice(UPLOAD_PATH.length + 1);
  const attachment = rt.core.store.attachment(id);
  const signed = attachment && new URL(downloadUrl(rt.core.origin, attachment));
  if (!attachment?.data || signed?.search !== url.search)
    return refuse(res, 403, 'Request has expired or its signature does not match');
  res
    .writeHead(200, {
      'content-type': attachment.contentType,
      'content-length': String(attachment.contentLength),
    })
    .end(Buffer.from(attachment.data, 'base64'));
}

export async function handleUploads(rt: SandboxRuntime, request: SandboxRequest): Promise<void> {
  const { req, res, url, method, path } = request;
  const fault = rt.faults.before(method, path);
  if (fault.kind !== 'none') {
    req.resume();
    return sendJson(
      res,
      503,
      errorBody(503, 'ServiceUnavailable', 'Please reduce your request rate'),
    );
  }
  if (method === 'POST' && path === UPLOAD_PATH) return upload(rt, req, res);
  if (method === 'GET' && path.startsWith(`${UPLOAD_PATH}/`)) return download(rt, res, url);
  sendJson(res, 404, errorBody(404, 'not_found', 'not found'));
}

/**
 * Response helpers shared by every handler: JSON bodies, the `{ error: { code, message, fields } }`
 * shape, and body reading with a size limit and zod validation that names the failing field.
 */
import type { z } from 'zod';
import { fieldErrors, readableIssues } from '../shared/api-error.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

export function errorResponse(error: ApiError, requestId: string): Response {
  return json(
    error.status,
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        requestId,
      },
    },
    error.headers,
  );
}

const JSON_TYPE = /^application\/json\b/i;
const notJson = () =>
  new ApiError(415, 'unsupported_media_type', 'send the body as application/json');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
}

/** Reads the body as JSON within `limit` bytes: 413 past it, 415 for another content type, 400 for bad JSON. */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) throw notJson();
  return parseJson(await readText(request, limit));
}

/** Like readJson for an endpoint whose body may be left out: no body at all is undefined. */
export async function readOptionalJson(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type && !JSON_TYPE.test(type)) throw notJson();
  const text = await readText(request, limit);
  if (text === '') return undefined;
  if (!type) throw notJson();
  return parseJson(text);
}

const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `the body must be at most ${limit} bytes`);

/**
 * Reads the body as text, never more than `limit` bytes: a larger declared Content-Length is
 * refused before a byte is read (a client declaring a terabyte gets its 413 at once), and a
 * body that turns out larger than declared, or chunked, is cut off at the limit.
 */
export async function readText(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get('content-length') ?? '0') > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client closed the connection or sent a broken chunked body: its fault, not ours.
      throw new ApiError(400, 'body_incomplete', 'the request body ended before it was complete');
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value, { error: readableIssues });
  if (!parsed.success) {
    throw new ApiError(
      400,
      'validation_failed',
      'the request body is not valid',
      fieldErrors(parsed.error.issues),
    );
  }
  return parsed.data;
}

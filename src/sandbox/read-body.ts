/**
 * Reading a /v1 request body the way Kustomer does: at most 100 KB, else 413, and JSON or a 400.
 * A GET's body is never read. Parsing answers a value rather than throwing, so the caller can
 * answer 400 with the rate-limit headers of the request it has already counted.
 */
import type { IncomingMessage } from 'node:http';
import { SandboxHttpError } from './http-error.js';

// Kustomer answers 413 past 100 KB for most endpoints (https://developer.kustomer.com/docs/concepts/errors).
const MAX_BODY = 100 * 1024;

export type JsonBody = { ok: true; body: unknown } | { ok: false };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY)
        reject(new SandboxHttpError(413, 'payload_too_large', 'the body is larger than 100 KB'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The parsed body, `undefined` when there is none; `ok: false` when it is not valid JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const raw = (req.method ?? 'GET') === 'GET' ? '' : await readBody(req);
  try {
    return { ok: true, body: raw ? JSON.parse(raw) : undefined };
  } catch {
    return { ok: false };
  }
}

/**
 * Node's http (req, res) <-> Web Request/Response, shared by the Vite dev plugin and `npm start`.
 * Headers pass through as sent (X-Forwarded-For included: createApp decides whether to believe
 * it); the socket's address goes alongside the Request, where no client can write it.
 *
 * Everything here runs inside one promise chain, so no request line, header or method can
 * throw past it and end the process: a method the Fetch standard refuses to carry (TRACE,
 * CONNECT, TRACK) answers 501, anything else a Request cannot be built from answers 400.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ConnectionInfo } from './router.js';

// https://fetch.spec.whatwg.org/#forbidden-method: `new Request()` throws for these.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Builds the Web Request; the signal aborts when the client goes away before the answer. */
export function toWebRequest(req: IncomingMessage, origin: string, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // The path is appended to our own origin: an absolute-form or `//host` request line must not
  // turn into a Request for another host.
  const path = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : `/${req.url ?? ''}`;
  return new Request(new URL(origin).origin + path.replace(/^\/+/, '/'), {
    method,
    headers,
    ...(signal ? { signal } : {}),
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Streams the Web Response out (an event stream stays open); stops reading when the client leaves. */
export async function sendWebResponse(
  response: Response,
  res: ServerResponse,
  method = 'GET',
): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream);
  res.once('close', () => body.destroy());
  await new Promise<void>((resolve) => {
    body.once('error', () => {
      res.destroy();
      resolve();
    });
    body.once('end', resolve);
    body.pipe(res);
  });
}

function errorBody(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(status === 501 ? { allow: 'GET, HEAD, POST, PUT, OPTIONS' } : {}),
  });
  res.end(JSON.stringify({ error: { code, message } }));
}

export function nodeHandler(
  handle: (request: Request, connection: ConnectionInfo) => Promise<Response>,
  origin: () => string,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const aborted = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const method = (req.method ?? 'GET').toUpperCase();
    if (FORBIDDEN_METHODS.has(method))
      return errorBody(res, 501, 'method_not_implemented', `${method} is not supported`);
    let request: Request;
    try {
      request = toWebRequest(req, origin(), aborted.signal);
    } catch {
      return errorBody(res, 400, 'bad_request', 'the request line or headers are not valid');
    }
    Promise.resolve()
      .then(() => handle(request, { remoteAddress: req.socket.remoteAddress }))
      .then((response) => sendWebResponse(response, res, method))
      .catch(() => errorBody(res, 500, 'internal_error', 'something went wrong'));
  };
}

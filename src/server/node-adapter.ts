/**
 * Node's http (req, res) <-> Web Request/Response, shared by the Vite dev plugin and `npm start`.
 * Headers pass through as sent (X-Forwarded-For included: createApp decides whether to believe
 * it); the socket's address goes alongside the Request, where no client can write it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ConnectionInfo } from './router.js';

export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function nodeHandler(
  handle: (request: Request, connection: ConnectionInfo) => Promise<Response>,
  origin: () => string,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(toWebRequest(req, origin()), { remoteAddress: req.socket.remoteAddress })
      .then((response) => sendWebResponse(response, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { code: 'internal_error', message: 'something went wrong' } }),
        );
      });
  };
}

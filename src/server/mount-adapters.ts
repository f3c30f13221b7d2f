/**
 * Small adapters from the mounted handler (mount.ts) to the hosts chat apps run on:
 * Node's http and Express (connect-style middleware), and Next.js App Router route handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EscalationServer } from './mount.js';
import { pathBelow } from './mount.js';
import { nodeHandler } from './node-adapter.js';

export interface NodeMiddlewareOptions {
  /**
   * The origin requests are seen under (same-origin checks, CORS, links). @default from the
   * Host header and the connection (`https` behind TLS)
   */
  origin?: string | (() => string);
}

type Next = (error?: unknown) => void;

function originOf(req: IncomingMessage): string {
  const tls = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
  return `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

/**
 * `(req, res, next?)`: answers the requests under the server's prefix and hands any other to
 * `next` (Express, connect) or answers 404 (plain `http.createServer`). Express's mount path is
 * ignored in favour of `originalUrl`, so `app.use(middleware)` and `app.use('/x', middleware)`
 * behave alike: the prefix alone decides.
 */
export function toNodeMiddleware(server: EscalationServer, options: NodeMiddlewareOptions = {}) {
  let current = '';
  const handle = nodeHandler(
    (request, connection) => server.handle(request, connection),
    () => current,
  );
  return (req: IncomingMessage, res: ServerResponse, next?: Next): void => {
    const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
    if (original) req.url = original;
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathBelow(server.prefix, pathname) === null && next) return next();
    const { origin } = options;
    current = typeof origin === 'function' ? origin() : (origin ?? originOf(req));
    handle(req, res);
  };
}

type RouteHandler = (request: Request) => Promise<Response>;

/**
 * The exports of a Next.js App Router catch-all route (`app/api/kustomer/[...path]/route.ts`
 * with `prefix: '/api/kustomer'`): `export const { GET, POST, PUT, OPTIONS } = toNextRouteHandlers(server)`.
 */
export function toNextRouteHandlers(server: EscalationServer): {
  GET: RouteHandler;
  HEAD: RouteHandler;
  POST: RouteHandler;
  PUT: RouteHandler;
  OPTIONS: RouteHandler;
} {
  const handle: RouteHandler = (request) => server.handle(request);
  return { GET: handle, HEAD: handle, POST: handle, PUT: handle, OPTIONS: handle };
}

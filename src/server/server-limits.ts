/**
 * Limits for `npm start`'s http.Server, so slow or idle clients cannot hold it: a client has
 * `headersTimeoutMs` to send its headers and `requestTimeoutMs` to send the whole request (a
 * half-sent one is answered 408 and closed); an idle keep-alive connection closes after
 * `keepAliveTimeoutMs`; past `maxConnections` open sockets new ones are refused.
 *
 * None of these limits how long a response may take: requestTimeout stops counting once the
 * request is in, and there is no socket inactivity timeout, so a long-lived response (an event
 * stream) stays open. https://nodejs.org/api/http.html#serverrequesttimeout
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ServerLimitsOptions {
  /** @default 15000 */
  headersTimeoutMs?: number;
  /** @default 30000 */
  requestTimeoutMs?: number;
  /** Longer than this behind a load balancer that keeps idle connections longer. @default 5000 */
  keepAliveTimeoutMs?: number;
  /** @default 1000 */
  maxConnections?: number;
}

export type ServerLimits = Required<ServerLimitsOptions>;

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1000,
};

/** An http.Server with these limits (set at construction: Node reads some of them only then). */
export function createLimitedServer(
  listener: RequestListener,
  options: ServerLimitsOptions = {},
): Server {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two request timeouts on this interval; its default (30 s) would let a
      // half-sent request live up to half a minute past its limit.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  server.timeout = 0;
  return server;
}

/**
 * The one way the sandbox answers a /v1 request: a JSON body with explicit headers. It writes
 * nothing once the response is destroyed, so a fault that dropped the connection, or a client
 * that went away during an injected delay, does not turn into a write-after-end error.
 */
import type { ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

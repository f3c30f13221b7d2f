/**
 * One request as each of the sandbox's doors takes it (Kustomer's /v1, the storage stand-in under
 * /uploads, the admin API under /__sandbox): read once by the server, so no door parses it again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SandboxRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  /** The URL's path, still percent-encoded. */
  path: string;
}

export function sandboxRequest(req: IncomingMessage, res: ServerResponse): SandboxRequest {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  return { req, res, url, method: req.method ?? 'GET', path: url.pathname };
}

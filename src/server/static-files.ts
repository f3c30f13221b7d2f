/**
 * Serves the built app from dist/: hashed assets cached for a year, index.html never cached,
 * and every other path falls back to index.html for the client-side router.
 * Whatever the request line holds, the answer is a response: a path that does not decode is a
 * 400, a method other than GET or HEAD a 405, and nothing outside dist/ is ever read.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { HSTS, PAGE_SECURITY_HEADERS } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** Whether `file` is `base` itself or inside it: `dist-server` must not pass for `dist`. */
export function isInside(base: string, file: string): boolean {
  return file === base || file.startsWith(base.endsWith(sep) ? base : base + sep);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false; // missing, a name the OS refuses (NUL, too long), no permission
  }
}

export const UNDECODABLE = Symbol('undecodable');

/** The file a URL path names inside `base`; null when there is none or it leaves `base`. */
export function resolveInside(base: string, rawUrl: string): string | null | typeof UNDECODABLE {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://x').pathname);
  } catch {
    return UNDECODABLE; // malformed percent-encoding (`/%E0`) or a URL that does not parse
  }
  const file = resolve(join(base, pathname));
  return isInside(base, file) && isFile(file) ? file : null;
}

function plain(res: ServerResponse, status: number, text: string, headers = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

export interface StaticOptions {
  /** Whether this request came over TLS (HSTS is sent then). @default never */
  tls?: (req: IncomingMessage) => boolean;
}

export function serveStatic(root: string, options: StaticOptions = {}) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    const found = resolveInside(base, req.url ?? '/');
    if (found === UNDECODABLE) return plain(res, 400, 'Bad request: the path is not valid');
    const file = found ?? index;
    if (!isFile(file)) return plain(res, 404, 'Not built: run npm run build');
    res.writeHead(200, {
      ...PAGE_SECURITY_HEADERS,
      ...(options.tls?.(req) ? { 'strict-transport-security': HSTS } : {}),
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': isInside(join(base, 'assets'), file)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    // A file removed between the check and the read ends this response, not the process.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

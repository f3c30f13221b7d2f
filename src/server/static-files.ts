/**
 * Serves the built app from dist/ like a production host: brotli or gzip when the browser takes
 * it (with `Vary: Accept-Encoding`), hashed assets cached for a year as immutable, index.html
 * revalidated on every load, no source maps, and a path without a file extension falls back to
 * index.html for the client-side router.
 * Whatever the request line holds, the answer is a response: a path that does not decode is a
 * 400, a method other than GET or HEAD a 405, and nothing outside dist/ is ever read.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { chooseEncoding, createCompressedFiles, isCompressible } from './compressed-files.js';
import { HSTS, PAGE_SECURITY_HEADERS } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
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

/** Source maps stay on the build machine: they would publish the source. */
const PRIVATE = /\.map$/i;

function headersFor(base: string, file: string, tls: boolean): Record<string, string> {
  return {
    ...PAGE_SECURITY_HEADERS,
    ...(tls ? { 'strict-transport-security': HSTS } : {}),
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Files under assets/ carry a content hash in their name: a new build gets new names.
    'cache-control': isInside(join(base, 'assets'), file)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    ...(isCompressible(file) ? { vary: 'Accept-Encoding' } : {}),
  };
}

/**
 * The file to answer with: the one named, index.html for a client-side route (a path without
 * an extension), or null: a missing /assets/app-1234.js must be a 404, not the page's HTML.
 */
function pick(base: string, url: string): string | null | typeof UNDECODABLE {
  const found = resolveInside(base, url);
  if (found === UNDECODABLE || (found && !PRIVATE.test(found))) return found;
  if (found) return null;
  const pathname = new URL(url, 'http://x').pathname;
  return extname(pathname) ? null : join(base, 'index.html');
}

export function serveStatic(root: string, options: StaticOptions = {}) {
  const base = resolve(root);
  const compressed = createCompressedFiles();
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    const file = pick(base, req.url ?? '/');
    if (file === UNDECODABLE) return plain(res, 400, 'Bad request: the path is not valid');
    if (!file) return plain(res, 404, 'Not found');
    if (!isFile(file)) return plain(res, 404, 'Not built: run npm run build');
    const headers = headersFor(base, file, options.tls?.(req) ?? false);
    const encoding = chooseEncoding(req.headers['accept-encoding']?.toString());
    void (encoding ? compressed.get(file, encoding) : Promise.resolve(null))
      .catch(() => null)
      .then((body) => {
        if (body) {
          res.writeHead(200, {
            ...headers,
            'content-encoding': encoding!,
            'content-length': String(body.length),
          });
          return void res.end(req.method === 'HEAD' ? undefined : body);
        }
        res.writeHead(200, headers);
        if (req.method === 'HEAD') return void res.end();
        // A file removed between the check and the read ends this response, not the process.
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      });
  };
}

/** Admin credential checks, CORS and the headers every response carries. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison that does not leak the length either (both sides are hashed). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function bearer(request: Request): string | null {
  return /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim() ?? null;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A request from this machine itself: the socket is a loopback address and no proxy forwarded
 * it (a local reverse proxy would make every outside client look local).
 */
export function isLocalRequest(request: Request, remoteAddress?: string): boolean {
  if (!remoteAddress || !LOOPBACK.test(remoteAddress)) return false;
  return !['x-forwarded-for', 'forwarded', 'x-real-ip'].some((name) => request.headers.has(name));
}

/** Two years, subdomains included: the value hstspreload.org asks for (without preload). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** Headers every /api response carries; HSTS only when the client came over TLS. */
export function securityHeaders(tls: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    ...(tls ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** The HTML app's headers (static-files.ts; vercel.json sets the same on Vercel). */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'self'",
};

/** CORS headers for an allowed cross-origin caller; same-origin callers need none. */
export function corsHeaders(request: Request, url: URL, allowed: string[]): Record<string, string> {
  const origin = request.headers.get('origin');
  if (!origin || origin === url.origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, x-request-id',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/**
 * Whether a browser sent this from the app's own origin or an ALLOWED_ORIGINS one (Origin, else
 * Sec-Fetch-Site); a request with neither header is not a browser's cross-site one.
 */
export function fromAllowedSite(request: Request, allowedOrigins: string[]): boolean {
  const origin = request.headers.get('origin');
  if (origin) return origin === new URL(request.url).origin || allowedOrigins.includes(origin);
  return request.headers.get('sec-fetch-site') !== 'cross-site';
}

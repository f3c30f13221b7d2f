/**
 * The HTML app's security headers are the same whoever serves it: `npm start` (static-files.ts)
 * and Vercel (vercel.json, which serves dist/ itself). HSTS only where the client came over TLS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedOverTls } from '../../src/server/client-address.js';
import { HSTS, PAGE_SECURITY_HEADERS, securityHeaders } from '../../src/server/security.js';

const ROOT = join(import.meta.dirname, '..', '..');

interface VercelHeaders {
  source: string;
  headers: { key: string; value: string }[];
}

describe('security headers', () => {
  it('vercel.json sets the page headers npm start sends, and HSTS (Vercel is always TLS)', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'vercel.json'), 'utf8')) as {
      headers: VercelHeaders[];
    };
    const pages = config.headers.find((rule) =>
      new RegExp(`^${rule.source}$`).test('/integrations'),
    )!;
    expect(new RegExp(`^${pages.source}$`).test('/api/health')).toBe(false);
    const set = Object.fromEntries(pages.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(set).toEqual({ ...PAGE_SECURITY_HEADERS, 'strict-transport-security': HSTS });
  });

  it.each([
    ['https:', null, { mode: 'off' } as const, true],
    ['http:', 'https', { mode: 'off' } as const, false],
    ['http:', 'https', { mode: 'hops', hops: 1 } as const, true],
    ['http:', 'http', { mode: 'hops', hops: 1 } as const, false],
    ['http:', 'http, https', { mode: 'hops', hops: 1 } as const, true],
  ])('HSTS for %s with X-Forwarded-Proto %s (%o): %s', (protocol, proto, trust, tls) => {
    expect(servedOverTls(protocol, proto, trust)).toBe(tls);
    expect(
      'strict-transport-security' in securityHeaders(servedOverTls(protocol, proto, trust)),
    ).toBe(tls);
  });
});

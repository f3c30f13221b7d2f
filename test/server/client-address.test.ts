/**
 * Which X-Forwarded-For entry is the client, by TRUST_PROXY: walked from the right past the
 * trusted proxies, as Express's `trust proxy` does, so what a client writes on the left of the
 * header never counts once a proxy appends.
 */
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from '../../src/server/client-address.js';

function from(trustProxy: string | undefined, forwardedFor: string | null, socket = '10.0.0.2') {
  const headers: Record<string, string> =
    forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor };
  return clientAddress(
    new Request('http://localhost/api/escalations', { headers }),
    parseTrustProxy(trustProxy, false),
    socket,
  );
}

describe('client address', () => {
  it.each([
    // [TRUST_PROXY, X-Forwarded-For as received, the client address counted]
    [undefined, '203.0.113.9', '10.0.0.2'],
    ['false', '203.0.113.9', '10.0.0.2'],
    ['true', null, '10.0.0.2'],
    ['true', '198.51.100.7', '198.51.100.7'],
    // The client wrote "1.2.3.4"; the one proxy appended the address it saw.
    ['true', '1.2.3.4, 198.51.100.7', '198.51.100.7'],
    ['1', '1.2.3.4, 5.6.7.8, 198.51.100.7', '198.51.100.7'],
    ['2', '1.2.3.4, 198.51.100.7, 10.0.0.9', '198.51.100.7'],
    // More hops configured than the header has: the leftmost is all there is.
    ['3', '198.51.100.7', '198.51.100.7'],
    ['10.0.0.0/8', '1.2.3.4, 198.51.100.7, 10.0.0.9', '198.51.100.7'],
    ['10.0.0.0/8', '1.2.3.4', '1.2.3.4'],
    // A socket that is not a trusted proxy: the header is not believed at all.
    ['loopback', '1.2.3.4', '10.0.0.2'],
    ['uniquelocal', '1.2.3.4, 198.51.100.7', '198.51.100.7'],
  ])('TRUST_PROXY=%s with X-Forwarded-For %s counts %s', (trust, forwardedFor, expected) => {
    expect(from(trust, forwardedFor)).toBe(expected);
  });

  it("takes Vercel's own X-Forwarded-For (it overwrites what the client sent) on Vercel", () => {
    const request = new Request('http://localhost/', {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(clientAddress(request, parseTrustProxy(undefined, true))).toBe('198.51.100.7');
    const bare = new Request('http://localhost/', { headers: { 'x-real-ip': '198.51.100.8' } });
    expect(clientAddress(bare, parseTrustProxy(undefined, true))).toBe('198.51.100.8');
    expect(clientAddress(new Request('http://localhost/'), { mode: 'vercel' })).toBe('unknown');
  });
});

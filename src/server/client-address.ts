/**
 * The client address the per-IP limit counts, and how far X-Forwarded-For is believed
 * (TRUST_PROXY). A proxy appends the address it saw to the right of X-Forwarded-For, and
 * everything to the left of it is whatever the client sent; so the client is found by walking
 * from the right past the proxies we trust, exactly as Express's `trust proxy` does (with
 * Express's own proxy-addr): a hop count, or a list of proxy addresses, CIDR ranges or the names
 * loopback, linklocal and uniquelocal.
 * https://expressjs.com/en/guide/behind-proxies.html
 */
import proxyaddr from 'proxy-addr';

export type TrustProxy =
  /** The socket address; X-Forwarded-For is ignored. */
  | { mode: 'off' }
  /** Vercel's edge overwrites X-Forwarded-For with the client address it saw. */
  | { mode: 'vercel' }
  /** This many proxies in front, each appending to X-Forwarded-For. */
  | { mode: 'hops'; hops: number }
  /** Proxies at these addresses (IPs, CIDR ranges, loopback/linklocal/uniquelocal). */
  | { mode: 'addresses'; list: string[] };

const OFF = ['false', 'no', 'off', '0'];
const ONE_HOP = ['true', 'yes', 'on'];

/**
 * TRUST_PROXY as set: unset is `vercel` on Vercel and off elsewhere; `true` is one hop (the
 * proxy in front of us), not Express's "believe the leftmost entry", which a client can write.
 * Throws a message naming TRUST_PROXY for anything else it cannot read.
 */
export function parseTrustProxy(value: string | undefined, onVercel: boolean): TrustProxy {
  const text = value?.trim().toLowerCase();
  if (!text) return onVercel ? { mode: 'vercel' } : { mode: 'off' };
  if (OFF.includes(text)) return { mode: 'off' };
  if (ONE_HOP.includes(text)) return { mode: 'hops', hops: 1 };
  if (text === 'vercel') return { mode: 'vercel' };
  if (/^\d+$/.test(text)) return { mode: 'hops', hops: Math.min(Number(text), 32) };
  const list = text.split(',').map((item) => item.trim());
  try {
    proxyaddr.compile(list);
  } catch {
    throw new Error(
      'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of proxy addresses or CIDR ranges',
    );
  }
  return { mode: 'addresses', list };
}

/** The client's address by `trust`, falling back to the socket's; 'unknown' when there is none. */
export function clientAddress(request: Request, trust: TrustProxy, remoteAddress = ''): string {
  const forwardedFor = request.headers.get('x-forwarded-for') ?? '';
  if (trust.mode === 'off') return remoteAddress || 'unknown';
  if (trust.mode === 'vercel') {
    const last = forwardedFor.split(',').pop()?.trim();
    return last || request.headers.get('x-real-ip')?.trim() || remoteAddress || 'unknown';
  }
  // proxy-addr reads a Node request; this is the part of one it reads.
  const req = { headers: { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress } };
  const trusted =
    trust.mode === 'hops'
      ? (_: string, index: number) => index < trust.hops
      : proxyaddr.compile(trust.list);
  return proxyaddr(req as never, trusted) || 'unknown';
}

/**
 * Whether the client reached us over TLS: the request URL says so (Vercel), or a trusted proxy
 * says so in X-Forwarded-Proto (its last entry: the one it set). Decides HSTS.
 */
export function servedOverTls(
  protocol: string,
  forwardedProto: string | null | undefined,
  trust: TrustProxy,
): boolean {
  if (protocol === 'https:') return true;
  if (trust.mode === 'off' || !forwardedProto) return false;
  return forwardedProto.split(',').pop()!.trim().toLowerCase() === 'https';
}

/** For logs and doctor: what TRUST_PROXY is taken to mean. */
export function describeTrustProxy(trust: TrustProxy): string {
  if (trust.mode === 'off') return 'off (the socket address)';
  if (trust.mode === 'vercel') return "Vercel's X-Forwarded-For";
  if (trust.mode === 'hops') return `${trust.hops} proxy hop${trust.hops === 1 ? '' : 's'}`;
  return `proxies at ${trust.list.join(', ')}`;
}

/**
 * The one place x-ratelimit-* and Retry-After are read. Kustomer documents x-ratelimit-limit,
 * -remaining and -reset (https://developer.kustomer.com/docs/concepts/rate-limits) but not whether
 * reset is epoch seconds or seconds until the window ends, so both are accepted: a value that is a
 * plausible epoch (after 2001) is a time, a small one is a delay.
 */
export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when the window resets, or null. */
  resetAt: number | null;
}

type HeaderBag = Record<string, unknown> | { get(name: string): unknown } | undefined | null;

const EPOCH_THRESHOLD_S = 1_000_000_000;
/** Without a usable header, wait out a whole 60-second window (Kustomer's window length). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  const raw =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): unknown }).get(name)
      : (headers as Record<string, unknown>)[name];
  if (Array.isArray(raw)) return raw.length ? String(raw[0]) : null;
  return raw === undefined || raw === null ? null : String(raw);
}

function number(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Epoch ms for an x-ratelimit-reset value, either style. */
export function parseResetAt(value: string | null, now: number): number | null {
  const n = number(value);
  if (n === null) return null;
  return n >= EPOCH_THRESHOLD_S ? n * 1000 : now + n * 1000;
}

export function parseRateLimit(headers: HeaderBag, now: number): RateLimitInfo {
  return {
    limit: number(header(headers, 'x-ratelimit-limit')),
    remaining: number(header(headers, 'x-ratelimit-remaining')),
    resetAt: parseResetAt(header(headers, 'x-ratelimit-reset'), now),
  };
}

/** Retry-After in seconds or as an HTTP date. */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const seconds = number(value);
  if (seconds !== null) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** How long to wait before retrying a 429: Retry-After, then x-ratelimit-reset, then a window. */
export function retryAfterMs(headers: HeaderBag, now: number, maxMs = 120_000): number {
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);
  const resetAt = parseResetAt(header(headers, 'x-ratelimit-reset'), now);
  const wait = retryAfter ?? (resetAt !== null ? resetAt - now : DEFAULT_RATE_LIMIT_WAIT_MS);
  return Math.min(maxMs, Math.max(0, Math.ceil(wait)));
}

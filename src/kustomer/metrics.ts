/**
 * What the health panel shows: per endpoint (method + route template, never raw emails or ids)
 * counts, errors and latency percentiles over a bounded window, errors by class (the KustomerError
 * code), 429s, and the last rate-limit headers Kustomer sent.
 */
import type { MetricsSnapshot } from '../shared/integration.js';
import { codeForCall, transportOf } from './failure-class.js';
import type { RateLimitInfo } from './rate-limit-headers.js';

const RESERVOIR = 500;

interface EndpointStats {
  count: number;
  errors: number;
  latencies: number[];
}

export interface Metrics {
  record(
    endpoint: string,
    durationMs: number,
    outcome: { ok: boolean; status?: number; code?: string },
  ): void;
  observeRateLimit(info: RateLimitInfo): void;
  snapshot(): MetricsSnapshot;
}

/**
 * The KustomerError code a failed attempt maps to (failure-class.ts), so errors are counted by
 * class: `rate_limit`, `unavailable`, `timeout`... rather than by raw status. A request the
 * caller cancelled is no failure of Kustomer's: `canceled`.
 */
export function failureClass(outcome: { status?: number; code?: string }): string {
  const { status, code } = outcome;
  if (status === undefined && code === 'ERR_CANCELED') return 'canceled';
  return codeForCall(status === undefined ? { transport: transportOf(code) } : { status });
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function pushBounded(list: number[], value: number): void {
  list.push(value);
  if (list.length > RESERVOIR) list.shift();
}

export function createMetrics(clock: () => number = Date.now): Metrics {
  const since = new Date(clock()).toISOString();
  const endpoints = new Map<string, EndpointStats>();
  const errorsByCode: Record<string, number> = {};
  const all: number[] = [];
  let requests = 0;
  let errors = 0;
  let rateLimited = 0;
  let rateLimit: RateLimitInfo = { limit: null, remaining: null, resetAt: null };
  // When Kustomer last answered a call well and badly: a passed outage shows as a later success.
  let lastSuccessAt: string | null = null;
  let lastErrorAt: string | null = null;

  return {
    record(endpoint, durationMs, outcome) {
      const stats = endpoints.get(endpoint) ?? { count: 0, errors: 0, latencies: [] };
      endpoints.set(endpoint, stats);
      stats.count += 1;
      requests += 1;
      pushBounded(stats.latencies, durationMs);
      pushBounded(all, durationMs);
      if (outcome.status === 429) rateLimited += 1;
      if (outcome.ok) lastSuccessAt = new Date(clock()).toISOString();
      else lastErrorAt = new Date(clock()).toISOString();
      if (!outcome.ok) {
        stats.errors += 1;
        errors += 1;
        const code = failureClass(outcome);
        errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
      }
    },
    observeRateLimit(info) {
      if (info.limit !== null || info.remaining !== null) rateLimit = info;
    },
    snapshot() {
      const sortedAll = [...all].sort((a, b) => a - b);
      return {
        since,
        requests,
        errors,
        successRate: requests ? (requests - errors) / requests : null,
        p50Ms: percentile(sortedAll, 50),
        p95Ms: percentile(sortedAll, 95),
        rateLimited,
        lastSuccessAt,
        lastErrorAt,
        errorsByCode: { ...errorsByCode },
        rateLimit: {
          limit: rateLimit.limit,
          remaining: rateLimit.remaining,
          resetAt: rateLimit.resetAt === null ? null : new Date(rateLimit.resetAt).toISOString(),
        },
        endpoints: [...endpoints.entries()].map(([endpoint, stats]) => {
          const sorted = [...stats.latencies].sort((a, b) => a - b);
          return {
            endpoint,
            count: stats.count,
            errors: stats.errors,
            p50Ms: percentile(sorted, 50),
            p95Ms: percentile(sorted, 95),
          };
        }),
      };
    },
  };
}

/**
 * When a queued escalation is tried again: exponential backoff with jitter, never sooner than
 * Kustomer asked (a 429's reset). Jitter spreads a burst of escalations queued by the same
 * outage so they do not all hit Kustomer in the same second when it comes back. The formula is
 * the platform's (platform/backoff.ts).
 */
import { exponentialDelay } from '../platform/backoff.js';

export interface BackoffOptions {
  /** Delay before the first retry. @default 2000 */
  baseMs?: number;
  /** Growth per attempt. @default 2 */
  factor?: number;
  /** Longest delay between two attempts. @default 300000 (5 minutes) */
  maxMs?: number;
  /** Share of the delay that is random: 0.5 picks between 50% and 100% of it. @default 0.5 */
  jitter?: number;
  /** @default Math.random */
  random?: () => number;
}

export type BackoffConfig = Required<BackoffOptions>;

export const DEFAULT_BACKOFF: BackoffConfig = {
  baseMs: 2_000,
  factor: 2,
  maxMs: 300_000,
  jitter: 0.5,
  random: Math.random,
};

export function resolveBackoff(options: BackoffOptions = {}): BackoffConfig {
  return { ...DEFAULT_BACKOFF, ...options };
}

/**
 * Delay after `attempt` failed attempts (1 = the first failure). `retryAfterMs` comes from a rate
 * limit: the next attempt waits at least that long, plus a little jitter so queued escalations do
 * not stampede the reset second.
 */
export function retryDelay(config: BackoffConfig, attempt: number, retryAfterMs = 0): number {
  const delay = exponentialDelay(config, attempt, config.random);
  if (retryAfterMs > 0) {
    const spread = Math.min(config.baseMs, retryAfterMs * 0.1) * config.random();
    return Math.round(Math.max(delay, retryAfterMs + spread));
  }
  return Math.round(delay);
}

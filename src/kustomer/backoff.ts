/**
 * The client's retry backoff: the platform's formula with full jitter, a random delay in
 * [0, min(cap, base * 2^attempt)], so retrying clients spread out instead of arriving together.
 */
import { exponentialDelay } from '../platform/backoff.js';

export interface BackoffOptions {
  /** @default 250 */
  baseMs?: number;
  /** @default 8000 */
  capMs?: number;
}

export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = {},
): number {
  const curve = { baseMs: options.baseMs ?? 250, factor: 2, maxMs: options.capMs ?? 8000 };
  return Math.floor(exponentialDelay({ ...curve, jitter: 1 }, attempt, random));
}

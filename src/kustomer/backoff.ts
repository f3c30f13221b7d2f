/**
 * Exponential backoff with full jitter (AWS architecture blog's "full jitter"): a random delay in
 * [0, min(cap, base * 2^attempt)], so retrying clients spread out instead of arriving together.
 */
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
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 8000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

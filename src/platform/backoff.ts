/**
 * The one backoff formula: exponential growth from `baseMs` by `factor` per attempt, capped at
 * `maxMs`, with a share `jitter` of it random (0: none, 0.5: between half and all of it, 1: "full
 * jitter", anywhere from 0, as the AWS architecture blog's "Exponential Backoff And Jitter"
 * recommends for clients retrying together). Unrounded: callers round as their unit needs.
 */
export interface ExponentialDelay {
  baseMs: number;
  factor: number;
  maxMs: number;
  jitter: number;
}

/** The delay after `attempt` (1 = the first) failures or polls; `random` in [0, 1). */
export function exponentialDelay(
  curve: ExponentialDelay,
  attempt: number,
  random: () => number,
): number {
  const raw = Math.min(curve.maxMs, curve.baseMs * curve.factor ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, curve.jitter));
  return raw * (1 - jitter) + raw * jitter * random();
}

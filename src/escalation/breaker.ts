/**
 * The circuit breaker in front of every Kustomer call the escalation flow makes. After
 * `threshold` consecutive retryable failures (5xx, network, timeout) it opens: escalations go
 * straight to the outbox instead of waiting on a Kustomer that is down, and the drainer pauses.
 * After `halfOpenAfterMs` one probe call is let through; its outcome closes or re-opens it.
 *
 * Validation, auth and permission errors do not count: they say nothing about Kustomer's health,
 * and counting them would let one bad request queue everyone else's. Nor does a spent rate
 * budget (below).
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
} from 'cockatiel';
import { isKustomerError } from '../kustomer/errors.js';
import { isOutage } from '../kustomer/failure-class.js';
import type { BreakerState } from '../shared/integration.js';

export interface BreakerOptions {
  /** Consecutive retryable failures that open the breaker. @default 5 */
  threshold?: number;
  /** How long it stays open before a probe is allowed. @default 30000 */
  halfOpenAfterMs?: number;
}

export type BreakerConfig = Required<BreakerOptions>;

export interface BreakerEvents {
  onStateChange(listener: (state: BreakerState) => void): () => void;
}

export interface Breaker extends BreakerEvents {
  execute<T>(fn: () => Promise<T>): Promise<T>;
  /** 'half_open' once the cool-down has passed and the next call will be the probe. */
  state(): BreakerState;
  /** Counters for metrics. */
  stats(): { opened: number; rejected: number };
}

export const DEFAULT_BREAKER: BreakerConfig = { threshold: 5, halfOpenAfterMs: 30_000 };

/**
 * Failures that say Kustomer itself is unwell (isOutage). A 429, or our own limiter holding a
 * request back because the org's budget is spent, says the opposite: Kustomer is answering, we
 * are just over the budget until its reset. Escalations then queue as `rate_limited` and go out
 * after the reset; opening the breaker would report an outage that is not there and hold back
 * the drain.
 */
export function countsAgainstBreaker(error: unknown): boolean {
  return isKustomerError(error) && isOutage(error);
}

export { isBrokenCircuitError, BrokenCircuitError };

export function createBreaker(options: BreakerOptions = {}): Breaker {
  const config: BreakerConfig = { ...DEFAULT_BREAKER, ...options };
  const policy = circuitBreaker(handleWhen(countsAgainstBreaker), {
    halfOpenAfter: config.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(config.threshold),
  });
  let openedAt = 0;
  let opened = 0;
  let rejected = 0;
  const listeners = new Set<(state: BreakerState) => void>();

  function current(): BreakerState {
    switch (policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half_open';
      default:
        // cockatiel only moves to HalfOpen on the next call; report the cool-down's end as such.
        // It measures the cool-down with Date.now, so this does too.
        return Date.now() - openedAt >= config.halfOpenAfterMs ? 'half_open' : 'open';
    }
  }

  policy.onBreak(() => {
    openedAt = Date.now();
    opened += 1;
  });
  policy.onStateChange(() => {
    const state = current();
    for (const listener of listeners) listener(state);
  });

  return {
    async execute<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return await policy.execute(() => fn());
      } catch (error) {
        if (isBrokenCircuitError(error)) rejected += 1;
        throw error;
      }
    },
    state: current,
    stats: () => ({ opened, rejected }),
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

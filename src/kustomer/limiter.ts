/**
 * Paces requests so a burst waits instead of earning 429s. Two budgets apply, whichever is
 * tighter: the org's plan budget per 60-second window (a sliding log of what we sent, which can
 * never exceed a fixed window of the same length), and what Kustomer last said through
 * x-ratelimit-remaining/reset (other clients of the org spend the same budget). Escalation
 * traffic is served before background traffic.
 */
import type { RequestLane } from './types.js';
import type { RateLimitInfo } from './rate-limit-headers.js';

export interface LimiterTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
}

export interface LimiterOptions {
  perMinute: number;
  /** Requests kept back from Kustomer's reported remaining budget, for other clients. @default 0 */
  reserve?: number;
  timers?: LimiterTimers;
}

/** A request's turn would come later than it may wait: it is rejected unsent. */
export class RateBudgetWaitError extends Error {
  constructor(readonly waitMs: number) {
    super(`the rate budget is spent for another ${waitMs} ms`);
    this.name = 'RateBudgetWaitError';
  }
}

export interface Limiter {
  /** Resolves at the request's turn; rejects with RateBudgetWaitError if that is over maxWaitMs away. */
  acquire(lane: RequestLane, maxWaitMs?: number): Promise<void>;
  /** Feed the headers of every response. */
  observe(info: RateLimitInfo): void;
  /** After a 429: nothing more goes out before this time. */
  pauseUntil(epochMs: number): void;
  pending(): number;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  maxWaitMs: number;
}

const WINDOW_MS = 60_000;
const realTimers: LimiterTimers = {
  now: Date.now,
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref?.(),
};

export function createLimiter(options: LimiterOptions): Limiter {
  const timers = options.timers ?? realTimers;
  const reserve = options.reserve ?? 0;
  const sent: number[] = [];
  const queues: Record<RequestLane, Waiter[]> = { escalation: [], background: [] };
  let server: { remaining: number; resetAt: number } | null = null;
  let pausedUntil = 0;
  let timerAt: number | null = null;

  function waitMs(now: number): number {
    while (sent.length && sent[0]! <= now - WINDOW_MS) sent.shift();
    let wait = Math.max(0, pausedUntil - now);
    if (sent.length >= options.perMinute) wait = Math.max(wait, sent[0]! + WINDOW_MS - now);
    if (server && server.resetAt > now && server.remaining <= reserve)
      wait = Math.max(wait, server.resetAt - now);
    return wait;
  }

  function pump(): void {
    for (;;) {
      const next = queues.escalation[0]
        ? queues.escalation
        : queues.background[0]
          ? queues.background
          : null;
      if (!next) return;
      const now = timers.now();
      const wait = waitMs(now);
      if (wait > 0) {
        rejectImpatient(wait);
        if (!queues.escalation[0] && !queues.background[0]) return;
        const at = now + wait;
        if (timerAt === null || at < timerAt) {
          timerAt = at;
          timers.setTimeout(() => {
            timerAt = null;
            pump();
          }, wait);
        }
        return;
      }
      sent.push(now);
      if (server) server.remaining -= 1;
      next.shift()!.resolve();
    }
  }

  /**
   * Kustomer's windows are 60 s long, so no reset is further away than that. A later one means
   * our clock and Kustomer's disagree; believing it would hold every request until our clock
   * catches up, with nothing sent that could correct it.
   */
  function withinWindow(epochMs: number): number {
    return Math.min(epochMs, timers.now() + WINDOW_MS);
  }

  /** Those who cannot wait this long hear so now, instead of holding their caller past its deadline. */
  function rejectImpatient(wait: number): void {
    for (const queue of Object.values(queues)) {
      for (let i = queue.length - 1; i >= 0; i--) {
        if (queue[i]!.maxWaitMs < wait)
          queue.splice(i, 1)[0]!.reject(new RateBudgetWaitError(wait));
      }
    }
  }

  return {
    acquire(lane, maxWaitMs = Infinity) {
      return new Promise<void>((resolve, reject) => {
        queues[lane].push({ resolve, reject, maxWaitMs });
        pump();
      });
    },
    observe(info) {
      if (info.remaining === null || info.resetAt === null) return;
      server = { remaining: info.remaining, resetAt: withinWindow(info.resetAt) };
      pump();
    },
    pauseUntil(epochMs) {
      pausedUntil = Math.max(pausedUntil, withinWindow(epochMs));
    },
    pending: () => queues.escalation.length + queues.background.length,
  };
}

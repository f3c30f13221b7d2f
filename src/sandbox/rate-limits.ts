/**
 * Kustomer's limits (https://developer.kustomer.com/docs/concepts/rate-limits): an org-wide
 * budget per fixed 60-second window with x-ratelimit-limit/remaining/reset on every response,
 * and per-customer create limits (conversations, messages, notes) where importedAt exempts
 * conversations and messages.
 */
const WINDOW_MS = 60_000;

export interface RateLimitOptions {
  orgPerMin: number;
  perCustomerPerMin: number;
  resetStyle: 'epoch' | 'delta';
  now: () => number;
}

export function createRateLimits(options: RateLimitOptions) {
  let windowStart = 0;
  let used = 0;
  const perCustomer = new Map<string, number>();

  function roll(now: number): void {
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
      perCustomer.clear();
    }
  }

  return {
    /** Counts the request; false when the org budget is spent. */
    take(): boolean {
      roll(options.now());
      if (used >= options.orgPerMin) return false;
      used += 1;
      return true;
    },
    takeCustomerCreate(key: string): boolean {
      roll(options.now());
      const count = perCustomer.get(key) ?? 0;
      if (count >= options.perCustomerPerMin) return false;
      perCustomer.set(key, count + 1);
      return true;
    },
    headers(): Record<string, string> {
      const now = options.now();
      roll(now);
      const resetAt = windowStart + WINDOW_MS;
      return {
        'x-ratelimit-limit': String(options.orgPerMin),
        'x-ratelimit-remaining': String(Math.max(0, options.orgPerMin - used)),
        'x-ratelimit-reset':
          options.resetStyle === 'epoch'
            ? String(Math.ceil(resetAt / 1000))
            : String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
      };
    },
    reset() {
      used = 0;
      perCustomer.clear();
    },
  };
}

import { describe, expect, it } from 'vitest';
import { resolveBackoff, retryDelay } from '../../src/escalation/backoff.js';

describe('retryDelay', () => {
  it('doubles per attempt up to the cap, with jitter between half and all of it', () => {
    const low = resolveBackoff({ baseMs: 1000, maxMs: 10_000, random: () => 0 });
    const high = resolveBackoff({ baseMs: 1000, maxMs: 10_000, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(high, a))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(low, a))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it('waits at least as long as a rate limit asks, plus a little spread', () => {
    const config = resolveBackoff({ baseMs: 1000, random: () => 0.5 });
    expect(retryDelay(config, 1, 30_000)).toBe(30_500);
    expect(retryDelay(resolveBackoff({ baseMs: 1000, random: () => 0 }), 1, 30_000)).toBe(30_000);
  });
});

import { describe, expect, it } from 'vitest';
import { exponentialDelay } from '../../src/platform/backoff.js';

describe('exponentialDelay', () => {
  const curve = { baseMs: 100, factor: 2, maxMs: 1000, jitter: 0 };

  it('grows by the factor from the base and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => exponentialDelay(curve, n, () => 0.5));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('makes the jitter share random: 0.5 between half and all, 1 from zero', () => {
    expect(exponentialDelay({ ...curve, jitter: 0.5 }, 3, () => 0)).toBe(200);
    expect(exponentialDelay({ ...curve, jitter: 0.5 }, 3, () => 0.5)).toBe(300);
    expect(exponentialDelay({ ...curve, jitter: 1 }, 3, () => 0)).toBe(0);
    expect(exponentialDelay({ ...curve, jitter: 1 }, 3, () => 0.25)).toBe(100);
  });
});

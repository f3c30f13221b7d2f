import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  MAX_BUCKET,
  percentile,
  RELATIVE_ERROR,
  type Histogram,
} from '../../../src/escalation/analytics/histogram.js';

/** The reference: nearest rank over the sorted values, as a statistics textbook states it. */
function exactPercentile(values: number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percent / 100) * sorted.length) - 1]!;
}

function histogramOf(values: number[]): Histogram {
  const histogram: Histogram = new Map();
  for (const value of values) {
    const bucket = bucketOf(value);
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
  }
  return histogram;
}

function expectNear(estimate: number | null, exact: number): void {
  expect(estimate).not.toBeNull();
  expect(Math.abs(estimate! - exact)).toBeLessThanOrEqual(exact * RELATIVE_ERROR + 0.5);
}

/** Durations as the module sees them: mostly seconds to hours, some zero, up to 30 days. */
const duration = fc.oneof(
  fc.integer({ min: 0, max: 5_000 }),
  fc.integer({ min: 0, max: 4 * 3_600_000 }),
  fc.integer({ min: 0, max: 30 * 86_400_000 }),
);

describe('latency histogram', () => {
  it('gives every percentile within 1 % (and half a millisecond) of the exact nearest rank', () => {
    fc.assert(
      fc.property(
        fc.array(duration, { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 100 }),
        (values, percent) => {
          const exact = exactPercentile(values, percent);
          const estimate = percentile(histogramOf(values), percent)!;
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * RELATIVE_ERROR + 0.5);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gets p50 and p95 of repeated values exactly at the rank boundary (95 of 60 is rank 57)', () => {
    // 57 fast ones and 3 slow ones: p95 is the 57th value, the last fast one.
    const values = [...Array(57).fill(1_000), ...Array(3).fill(60_000)];
    const histogram = histogramOf(values);
    expectNear(percentile(histogram, 95), 1_000);
    expectNear(percentile(histogram, 50), 1_000);
    // One more slow one moves rank 95 % to the 58th value.
    expectNear(percentile(histogramOf([...values, 60_000]), 95), 60_000);
  });

  it('answers null for no values and keeps any duration within a bounded set of buckets', () => {
    expect(percentile(new Map(), 50)).toBeNull();
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e13, noNaN: true }), (ms) => {
        const bucket = bucketOf(ms);
        expect(bucket).toBeGreaterThanOrEqual(-1);
        expect(bucket).toBeLessThanOrEqual(MAX_BUCKET);
      }),
    );
  });
});

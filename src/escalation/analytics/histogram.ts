/**
 * Durations kept as counts in logarithmic buckets, so a day's latencies cost a bounded number of
 * counters however many escalations it had. Bucket k holds [GROWTH^k, GROWTH^(k+1)) ms and stands
 * for its geometric middle, so a percentile read from the buckets is within RELATIVE_ERROR (1 %)
 * of the exact one (test/escalation/analytics/histogram.test.ts checks it against a sort).
 */

/** Each bucket is 2 % wider than the one before. */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Longest duration told apart: 90 days; longer ones share the last bucket. */
const MAX_MS = 90 * 86_400_000;
/** The bucket of a zero duration (under a millisecond, or a clock that stepped back). */
const ZERO = -1;
export const MAX_BUCKET = Math.floor(Math.log(MAX_MS) / LOG_GROWTH);
/** Buckets a histogram can hold at most: ZERO and 0..MAX_BUCKET. */
export const HISTOGRAM_BUCKETS = MAX_BUCKET + 2;
/** Largest error of a percentile, relative to the exact value (plus half a millisecond of rounding). */
export const RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

export function bucketOf(ms: number): number {
  if (!(ms >= 1)) return ZERO;
  return Math.min(MAX_BUCKET, Math.floor(Math.log(ms) / LOG_GROWTH));
}

/** The value a bucket stands for, in whole milliseconds. */
export function bucketValue(bucket: number): number {
  return bucket === ZERO ? 0 : Math.round(GROWTH ** (bucket + 0.5));
}

/** Bucket -> how many durations fell in it. */
export type Histogram = Map<number, number>;

/**
 * The nearest-rank percentile (the smallest value with at least `percent` % of all values at or
 * below it), percent a whole number in 1..100; null for an empty histogram. Whole percents keep
 * the rank exact: 0.95 * 60 is 57.00000000000001 in floating point, 95 * 60 / 100 is 57.
 */
export function percentile(histogram: Histogram, percent: number): number | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((percent * total) / 100));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucketValue(bucket);
  }
  return bucketValue(buckets[buckets.length - 1]![0]);
}

export function histogramCount(histogram: Histogram): number {
  let total = 0;
  for (const n of histogram.values()) total += n;
  return total;
}

import { percentile as percentileOfSorted } from '../src/kustomer/metrics.js';

/** The p-th percentile of unsorted values, as the client's metrics compute it; 0 for none. */
export const percentile = (values: number[], p: number): number =>
  percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  ) ?? 0;

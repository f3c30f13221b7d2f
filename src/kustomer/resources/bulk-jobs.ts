/**
 * Following one of Kustomer's bulk jobs. A bulk create answers with a job (`ids: []`, not yet
 * done); its items land when the job completes, seconds later. The job's batches say when it is
 * done and how many items failed in one request, so that is the one endpoint polled: done when
 * every batch is `complete` and their counts cover every item posted.
 * https://developer.kustomer.com/api/core-resources/get-bulk-operation-batches
 * https://developer.kustomer.com/docs/guides/bulk-operations
 *
 * Polls are timed from what earlier jobs took (Kustomer's own timestamps, so no clock skew): the
 * first poll of a job goes out when a job like the last ones would be complete, which is usually
 * the only poll needed.
 */
import { z } from 'zod';
import { exponentialDelay } from '../../platform/backoff.js';
import { KustomerError, isNotFoundError, isPermissionError } from '../errors.js';
import type { Transport } from '../transport.js';
import type { CallOptions } from '../types.js';

/** A job this client posted: what it needs to find it and judge it later, even after a restart. */
export interface PendingBulkJob {
  /** Kustomer's job id; null while the POST's answer is not known (it may have been accepted). */
  id: string | null;
  /** When the POST was sent, on the caller's clock (ISO). */
  postedAt: string;
  /** Items in the job. */
  count: number;
  /** When the POST's answer came (the caller's clock, ISO): polls are timed from it. */
  acceptedAt?: string | null;
  /** Kustomer's createdAt of the job, for learning how long jobs take. */
  createdAt?: string | null;
}

export type BulkJobState =
  | { kind: 'running' }
  | { kind: 'complete'; failed: boolean; completedAt: string | null }
  /** The job's status cannot be read (404/403): whether and when its items land is unknown. */
  | { kind: 'unreadable' };

/** The bulk POST's answer; only the id and its timestamp are used. */
export const bulkJobSchema = z.object({
  data: z.object({
    id: z.string().min(1),
    attributes: z.object({ createdAt: z.string().nullish() }).optional(),
  }),
});

const count = z.number().nullish();
const batchFields = z.object({
  status: z.string().nullish(),
  successCount: count,
  failureCount: count,
  completedAt: z.string().nullish(),
});
const batch = z.union([z.object({ attributes: batchFields }), batchFields]);
/** A JSON:API list (`{ data: [...] }`) or the bare array the bulk guide draws; both are read. */
const batchesSchema = z.union([z.object({ data: z.array(batch) }), z.array(batch)]);

export function judgeBatches(body: z.infer<typeof batchesSchema>, items: number): BulkJobState {
  const batches = (Array.isArray(body) ? body : body.data).map((b) =>
    'attributes' in b ? b.attributes : b,
  );
  if (batches.length === 0 || batches.some((b) => b.status !== 'complete'))
    return { kind: 'running' };
  const success = batches.reduce((sum, b) => sum + (b.successCount ?? 0), 0);
  const failure = batches.reduce((sum, b) => sum + (b.failureCount ?? 0), 0);
  // Batches may be created as the job goes: complete only once they account for every item.
  const counted = batches.every((b) => typeof b.successCount === 'number');
  if (counted && success + failure < items) return { kind: 'running' };
  const completedAt =
    batches
      .map((b) => b.completedAt ?? '')
      .sort()
      .at(-1) || null;
  return { kind: 'complete', failed: !counted || failure > 0 || success < items, completedAt };
}

/** The one route a job is followed by; a pending job's error names it too. */
const BATCHES_ROUTE = '/v1/bulk/{id}/batches';

export async function readBulkJob(
  transport: Transport,
  job: { id: string; count: number },
  options: CallOptions,
): Promise<BulkJobState> {
  try {
    const body = await transport.call({
      ...options,
      method: 'GET',
      route: BATCHES_ROUTE,
      params: { id: job.id },
      schema: batchesSchema,
      roles: ['org.permission.bulk.read', 'org.user.bulk.read'],
    });
    return judgeBatches(body, job.count);
  } catch (error) {
    // A job that cannot be read (gone, never indexed, or a key without bulk.read) is not a job
    // that failed: its items may still land.
    if (isNotFoundError(error) || isPermissionError(error)) return { kind: 'unreadable' };
    throw error;
  }
}

/**
 * How long jobs take here, learned from Kustomer's own createdAt and completedAt, and never more
 * than this process saw pass (a monotonic clock) between the POST's answer and the poll that found
 * the job complete: a skewed or frozen clock cannot teach it to wait longer than needed.
 */
export function createBulkTiming(initialMs = 1000, remember = 10) {
  const recent: number[] = [];
  const acceptedAt = new Map<string, number>();
  return {
    /** When a job posted now is expected to be done: the longest of the recent ones. */
    expectedMs: () => (recent.length ? Math.max(...recent) : initialMs),
    accepted(jobId: string) {
      acceptedAt.set(jobId, performance.now());
      if (acceptedAt.size > 100) acceptedAt.delete(acceptedAt.keys().next().value as string);
    },
    learn(jobId: string, createdAt: string | null | undefined, completedAt: string | null) {
      const seen = acceptedAt.get(jobId);
      acceptedAt.delete(jobId);
      const ms = Date.parse(completedAt ?? '') - Date.parse(createdAt ?? '');
      if (seen === undefined || !Number.isFinite(ms) || ms < 0) return;
      recent.push(Math.min(ms, performance.now() - seen));
      if (recent.length > remember) recent.shift();
    },
  };
}
export type BulkTiming = ReturnType<typeof createBulkTiming>;

/** After the first poll: 250 ms growing by 1.6 a poll, at most 4 s, no jitter (one caller). */
const POLL_STEPS = { baseMs: 250, factor: 1.6, maxMs: 4000, jitter: 0 };

/**
 * The wait before the next poll: when a job like the recent ones is done (the poll's own transit
 * makes it arrive just after), then short, growing steps in case this one takes longer.
 */
export function nextPollDelay(poll: number, sinceMs: number, expectedMs: number): number {
  if (poll === 0) return Math.max(0, expectedMs - sinceMs);
  return Math.round(exponentialDelay(POLL_STEPS, poll, () => 0));
}

/**
 * Transcript lines were sent in a job whose outcome cannot be known yet (still running past the
 * caller's budget, or unreadable and not yet settled). Resending now could write them twice, so
 * the caller comes back at `retryAt` (epoch ms), when listing the conversation tells the truth.
 */
export class BulkJobPendingError extends KustomerError {
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super('unavailable', message, { method: 'GET', path: BATCHES_ROUTE });
    this.name = 'BulkJobPendingError';
  }
}

export const isBulkJobPending = (error: unknown): error is BulkJobPendingError =>
  error instanceof BulkJobPendingError;

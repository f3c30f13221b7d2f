/**
 * Kustomer's bulk jobs as Kustomer runs them: asynchronously. POST /v1/messages/bulk answers at
 * once with a job that is `queued` and holds `ids: []`; a worker writes the items later (Kustomer's
 * own example job took 5.4 s for one message: createdAt 20:33:58.486, updatedAt 20:34:03.873),
 * after which GET /v1/bulk/{id} says `status: "complete"` with `completed: true`, and
 * GET /v1/bulk/{id}/batches holds each batch's successCount, failureCount, objectIds and errors.
 * https://developer.kustomer.com/api/core-resources/get-bulk-operation-by-id
 * https://developer.kustomer.com/api/core-resources/get-bulk-operation-batches
 *
 * Faults for tests: how long a job takes (fixed or a random range), items that fail inside the job,
 * and jobs whose status cannot be read (404 on both GETs although the job runs).
 */
import { objectId } from './data.js';
import type { SandboxCore } from './route-types.js';
import type { SandboxConversation, SandboxMessage } from './types.js';

/** Default time a job takes when neither the options nor the faults say: a few seconds, like Kustomer's. */
export const DEFAULT_BULK_JOB_MS = 3000;

export interface BulkJobFaults {
  /** How long each job takes, in ms: fixed, or drawn between min and max. */
  jobMs?: number | { min: number; max: number };
  /** Probability (0-1) that one item fails inside the job (it is not written; the batch counts it). */
  itemFailureRate?: number;
  /** Probability (0-1) that a job's status cannot be read: its GETs answer 404 while it runs. */
  unreadableRate?: number;
}

export interface BulkItem {
  conversation: SandboxConversation;
  build: () => SandboxMessage;
}

export interface BulkJob {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** When the job was accepted (sandbox clock, ms) and when it finishes. */
  startedMs: number;
  durationMs: number;
  completedAt: string | null;
  unreadable: boolean;
  batch: {
    id: string;
    objectIds: string[];
    successCount: number;
    failureCount: number;
    errors: { status: number; code: string; title: string; detail: string; meta: object }[];
  };
  /** Summaries of what was posted, as in Kustomer's example payload.api.data. */
  summaries: { id: string; app: string; channel: string; preview: string; createdAt: string }[];
}

export interface BulkRuntime {
  faults: () => BulkJobFaults;
  random: () => number;
  defaultJobMs: number;
}

function jobDuration(runtime: BulkRuntime): number {
  const setting = runtime.faults().jobMs ?? runtime.defaultJobMs;
  if (typeof setting === 'number') return Math.max(0, setting);
  const { min, max } = setting;
  return Math.max(0, Math.round(min + runtime.random() * Math.max(0, max - min)));
}

/** Accepts a job: nothing is written until it completes, after its duration. */
export function startBulkJob(core: SandboxCore, runtime: BulkRuntime, items: BulkItem[]): BulkJob {
  const nowMs = core.now();
  const created = new Date(nowMs).toISOString();
  const faults = runtime.faults();
  const job: BulkJob = {
    id: objectId(),
    createdAt: created,
    updatedAt: created,
    startedMs: nowMs,
    durationMs: jobDuration(runtime),
    completedAt: null,
    unreadable: runtime.random() < (faults.unreadableRate ?? 0),
    batch: { id: objectId(), objectIds: [], successCount: 0, failureCount: 0, errors: [] },
    summaries: [],
  };
  const failing = items.map(() => runtime.random() < (faults.itemFailureRate ?? 0));
  core.store.data.bulkJobs.push(job);
  const complete = () => {
    // A reset of the sandbox meanwhile forgets the job and everything it would have written.
    if (!core.store.data.bulkJobs.includes(job)) return;
    items.forEach((item, index) => {
      if (failing[index]) {
        job.batch.failureCount += 1;
        job.batch.errors.push({
          status: 500,
          code: 'internal_error',
          title: 'Internal Server Error',
          detail: `item ${index} could not be created`,
          meta: { index },
        });
        return;
      }
      const message = item.build();
      core.store.data.messages.push(message);
      job.batch.objectIds.push(message.id);
      job.batch.successCount += 1;
      job.summaries.push({
        id: message.id,
        app: message.app,
        channel: message.channel,
        preview: message.preview ?? '',
        createdAt: message.createdAt,
      });
    });
    job.completedAt = new Date(core.now()).toISOString();
    job.updatedAt = job.completedAt;
  };
  if (job.durationMs === 0) complete();
  else setTimeout(complete, job.durationMs).unref();
  return job;
}

/** queued, then running, then complete (the values Kustomer documents for a bulk operation). */
export function jobStatus(core: SandboxCore, job: BulkJob): 'queued' | 'running' | 'complete' {
  if (job.completedAt) return 'complete';
  return core.now() - job.startedMs < job.durationMs / 3 ? 'queued' : 'running';
}

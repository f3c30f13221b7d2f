/**
 * The transcript on a conversation's timeline, every line exactly once, in as few requests as
 * possible. One line is one POST; more go in bulk jobs (≤100 items and ~90 KB each), which Kustomer
 * runs asynchronously: a job's lines land seconds after the POST answered.
 *
 * - The one-by-one fallback is for an org or gateway without the bulk route: only when the bulk
 *   POST itself answers 404 or 405 (nothing was accepted).
 * - A job is followed through its batches; items that failed inside it are found by listing the
 *   conversation's messages by externalId and only those are sent again.
 * - A job still running past the caller's budget, or whose status cannot be read, is ambiguous:
 *   nothing is resent blindly. The caller gets BulkJobPendingError and keeps the job (`journal`);
 *   the next call polls it again, or, once a job that cannot be read has had `settleMs` to run,
 *   lists the conversation and sends only what is missing.
 * https://developer.kustomer.com/docs/guides/bulk-operations
 */
import { isKustomerError, isNotFoundError, isRateLimitError } from '../errors.js';
import type { Transport } from '../transport.js';
import type { CallOptions, Message, TranscriptMessageInput, TranscriptResult } from '../types.js';
import {
  BulkJobPendingError,
  nextPollDelay,
  readBulkJob,
  type BulkTiming,
  type PendingBulkJob,
} from './bulk-jobs.js';
import { toLines, type MessageLine } from './transcript-lines.js';

const BULK_MAX = 100;
/**
 * Kustomer answers 413 past 100 KB for most endpoints
 * (https://developer.kustomer.com/docs/concepts/errors); 100 long lines would be over 1 MB, so a
 * bulk call is also cut by size, with room to spare.
 */
export const BULK_MAX_BYTES = 90 * 1024;
/** Rounds of "send what is missing, then follow the job" before giving the rest to a later call. */
const MAX_ROUNDS = 3;

/** Consecutive groups of at most BULK_MAX items and BULK_MAX_BYTES of JSON, order kept. */
export function bulkChunks<T>(items: T[], bodyOf: (item: T) => unknown): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // the array's brackets
  for (const body of items) {
    const size = Buffer.byteLength(JSON.stringify(bodyOf(body))) + 1;
    if (current.length > 0 && (current.length >= BULK_MAX || bytes + size > BULK_MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Where a caller keeps the jobs in flight, so that a later call (or instance) can follow them. */
export interface TranscriptJournal {
  /** Jobs an earlier call left unconfirmed. */
  pending: PendingBulkJob[];
  /** Stores the jobs now in flight; awaited before each POST and after each answer. */
  save(jobs: PendingBulkJob[]): Promise<void>;
  /** How long a job that cannot be read is given to land before the conversation is listed. */
  settleMs: number;
}

export interface TranscriptOptions extends CallOptions {
  /** Something may already be on the timeline: list the conversation and skip what is there. */
  resume?: boolean;
  journal?: TranscriptJournal;
  /** How long to follow a job before BulkJobPendingError. @default 60000 */
  maxWaitForJobMs?: number;
}

export interface TranscriptSyncDeps {
  transport: Transport;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  timing: BulkTiming;
  createOne(conversationId: string, line: MessageLine, options: CallOptions): Promise<void>;
  postBulk(
    conversationId: string,
    lines: MessageLine[],
    options: CallOptions,
  ): Promise<PendingBulkJob>;
  bodyOf(conversationId: string, line: MessageLine): unknown;
  list(conversationId: string, options: CallOptions, stats: { pages: number }): Promise<Message[]>;
}

/**
 * A refusal that proves the POST wrote nothing (a 429, including one the client refused unsent
 * for lack of budget, another 4xx, a 503): its job cannot exist.
 */
const refusedUnsent = (error: unknown) =>
  isRateLimitError(error) ||
  (isKustomerError(error) &&
    error.status !== undefined &&
    ((error.status >= 400 && error.status < 500) || error.status === 503));

const bulkRouteMissing = (error: unknown) =>
  isNotFoundError(error) || (isKustomerError(error) && error.status === 405);

export function createTranscriptSync(deps: TranscriptSyncDeps) {
  const iso = () => new Date(deps.clock()).toISOString();

  /** Follows the jobs until each is complete; says whether anything failed or is unknown. */
  async function follow(
    jobs: PendingBulkJob[],
    options: CallOptions,
    maxWaitMs: number,
    counter: { n: number },
  ) {
    const deadline = deps.clock() + maxWaitMs;
    let doubtful = false;
    const unreadable: PendingBulkJob[] = [];
    for (const job of jobs) {
      if (!job.id) {
        unreadable.push(job);
        continue;
      }
      for (let poll = 0; ; poll += 1) {
        const since = deps.clock() - Date.parse(job.acceptedAt ?? job.postedAt);
        const wait = nextPollDelay(poll, since, deps.timing.expectedMs());
        if (deps.clock() + wait > deadline)
          throw new BulkJobPendingError(`Kustomer bulk job ${job.id} is still running`, deadline);
        if (wait > 0) await deps.sleep(wait);
        options.signal?.throwIfAborted();
        const state = await readBulkJob(deps.transport, { id: job.id, count: job.count }, options);
        counter.n += 1;
        if (state.kind === 'running') continue;
        if (state.kind === 'unreadable') unreadable.push(job);
        else {
          deps.timing.learn(job.id, job.createdAt, state.completedAt);
          doubtful ||= state.failed;
        }
        break;
      }
    }
    return { doubtful, unreadable };
  }

  /** Sends the lines (one POST, bulk jobs, or one by one where there is no bulk route). */
  async function send(
    conversationId: string,
    lines: MessageLine[],
    options: CallOptions,
    journal: TranscriptJournal | undefined,
    counter: { n: number },
  ): Promise<PendingBulkJob[]> {
    if (lines.length === 1) {
      await journal?.save([]);
      await deps.createOne(conversationId, lines[0]!, options);
      counter.n += 1;
      return [];
    }
    const jobs: PendingBulkJob[] = [];
    for (const chunk of bulkChunks(lines, (line) => deps.bodyOf(conversationId, line))) {
      // Recorded before the POST: if its answer is lost, a later call knows a job may exist.
      const unknown = { id: null, postedAt: iso(), count: chunk.length };
      await journal?.save([...jobs, unknown]);
      try {
        counter.n += 1;
        const job = await deps.postBulk(conversationId, chunk, options);
        if (job.id) deps.timing.accepted(job.id);
        jobs.push(job);
        await journal?.save(jobs);
      } catch (error) {
        if (!refusedUnsent(error)) throw error;
        await journal?.save(jobs);
        if (!bulkRouteMissing(error)) throw error;
        // An org or gateway without the bulk route: one request per line.
        for (const line of chunk) {
          await deps.createOne(conversationId, line, options);
          counter.n += 1;
        }
      }
    }
    return jobs;
  }

  /** Lines not yet on the timeline, by externalId. */
  async function missingLines(
    conversationId: string,
    lines: MessageLine[],
    options: CallOptions,
    counter: { n: number },
  ): Promise<MessageLine[]> {
    const stats = { pages: 0 };
    const listed = await deps.list(conversationId, options, stats);
    counter.n += stats.pages;
    const seen = new Set(listed.map((m) => m.externalId));
    return lines.filter((line) => !seen.has(line.externalId));
  }

  /** Jobs that cannot be read get settleMs after their POST before the conversation is listed. */
  function ensureSettled(unreadable: PendingBulkJob[], settleMs: number): void {
    if (!unreadable.length) return;
    const settledAt = Math.max(...unreadable.map((j) => Date.parse(j.postedAt))) + settleMs;
    if (deps.clock() < settledAt)
      throw new BulkJobPendingError('Kustomer bulk job status cannot be read yet', settledAt);
  }

  return async function addTranscript(
    conversationId: string,
    messages: TranscriptMessageInput[],
    options: TranscriptOptions = {},
  ): Promise<TranscriptResult> {
    const { resume, journal, maxWaitForJobMs = 60_000, ...callOptions } = options;
    const lines = toLines(messages);
    const counter = { n: 0 };
    let jobs = journal?.pending ?? [];
    let mustList = Boolean(resume);
    let skipped: number | null = null;
    for (let round = 0; lines.length > 0; round += 1) {
      if (jobs.length) {
        const { doubtful, unreadable } = await follow(jobs, callOptions, maxWaitForJobMs, counter);
        ensureSettled(unreadable, journal?.settleMs ?? 0);
        mustList ||= doubtful || unreadable.length > 0;
      }
      const missing = mustList
        ? await missingLines(conversationId, lines, callOptions, counter)
        : jobs.length
          ? []
          : lines;
      skipped ??= lines.length - missing.length;
      if (missing.length === 0) break;
      if (round >= MAX_ROUNDS)
        throw new BulkJobPendingError('Kustomer bulk job items kept failing', deps.clock());
      jobs = await send(conversationId, missing, callOptions, journal, counter);
      mustList = false;
      if (jobs.length === 0) break;
    }
    if (jobs.length || journal?.pending.length) await journal?.save([]);
    return { created: lines.length - (skipped ?? 0), skipped: skipped ?? 0, requests: counter.n };
  };
}

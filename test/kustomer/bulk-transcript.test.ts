/**
 * The transcript through Kustomer's asynchronous bulk jobs, against the sandbox in real time:
 * followed until its lines land, items failing inside a job sent again (and only they), a job
 * whose status cannot be read never resent blindly, and the one-by-one fallback only where the
 * bulk POST itself answers 404 or 405.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKustomerClient } from '../../src/kustomer/client.js';
import {
  BulkJobPendingError,
  type PendingBulkJob,
} from '../../src/kustomer/resources/bulk-jobs.js';
import type { TranscriptJournal } from '../../src/kustomer/resources/transcript-sync.js';
import type { KustomerClient } from '../../src/kustomer/types.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { transcript } from './support/client.js';

const JOB_MS = 200;
let sandbox: SandboxHandle;
let client: KustomerClient;
let conversationId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ bulkJobMs: JOB_MS });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  client = createKustomerClient({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const customer = await client.customers.create({ email: 'jobs@example.com' });
  conversationId = (await client.conversations.create({ customerId: customer.id, name: 'Help' }))
    .id;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const routes = () => sandbox.state().requests.byRoute;
const externalIds = () =>
  sandbox
    .state()
    .messages.filter((m) => m.conversationId === conversationId)
    .map((m) => m.externalId)
    .sort();
const expected = (count: number) =>
  transcript(count)
    .map((l) => l.externalId)
    .sort();

function journal(settleMs: number): TranscriptJournal & { jobs: PendingBulkJob[] } {
  const j = {
    jobs: [] as PendingBulkJob[],
    settleMs,
    get pending() {
      return j.jobs;
    },
    save: async (next: PendingBulkJob[]) => {
      j.jobs = next;
    },
  };
  return j;
}

describe('asynchronous bulk jobs', () => {
  it('waits for the job: every line is on the timeline when addTranscript resolves', async () => {
    const result = await client.messages.addTranscript(conversationId, transcript(20));
    expect(externalIds()).toEqual(expected(20));
    expect(result).toMatchObject({ created: 20, skipped: 0 });
    expect(routes()['POST /v1/messages/bulk']).toBe(1);
    expect(result.requests).toBe(1 + (routes()['GET /v1/bulk/{id}/batches'] ?? 0));
  });

  it('learns how long jobs take: the next job is read when it should be done', async () => {
    sandbox.setFaults({ bulk: { jobMs: 1500 } });
    const reads = () => routes()['GET /v1/bulk/{id}/batches'] ?? 0;
    await client.messages.addTranscript(conversationId, transcript(5, 'a'));
    const first = reads();
    // A new client expects a job to take about a second: this one is read again later.
    expect(first).toBeGreaterThanOrEqual(2);
    await client.messages.addTranscript(conversationId, transcript(5, 'b'));
    // Room for one more read on a loaded machine, but no blind early polling.
    expect(reads() - first).toBeLessThanOrEqual(2);
    expect(reads() - first).toBeLessThan(first + 1);
  });

  it('sends again only the items that failed inside the job', async () => {
    sandbox.setFaults({ seed: 3, bulk: { itemFailureRate: 0.3 } });
    const lines = transcript(20);
    const result = await client.messages.addTranscript(conversationId, lines);
    expect(externalIds()).toEqual(expected(20)); // each line exactly once
    expect(result.created).toBe(20);
    expect(routes()['GET /v1/conversations/{id}/messages']).toBeGreaterThanOrEqual(1);
    const posted =
      (routes()['POST /v1/messages/bulk'] ?? 0) +
      (routes()['POST /v1/conversations/{id}/messages'] ?? 0);
    expect(posted).toBeGreaterThan(1);
  });

  it('never resends a job whose status cannot be read: it waits, then sends only what is missing', async () => {
    sandbox.setFaults({ bulk: { unreadableRate: 1 } });
    const j = journal(1500); // past the first poll, which a new client makes after 1 s
    const first = client.messages.addTranscript(conversationId, transcript(20), { journal: j });
    await expect(first).rejects.toBeInstanceOf(BulkJobPendingError);
    expect(j.jobs).toHaveLength(1);
    expect(j.jobs[0]!.id).toMatch(/^[0-9a-f]{24}$/);
    // Too early: the job may still be running, so nothing is listed or sent.
    await expect(
      client.messages.addTranscript(conversationId, transcript(20), { journal: j }),
    ).rejects.toBeInstanceOf(BulkJobPendingError);
    await sleep(600);
    const result = await client.messages.addTranscript(conversationId, transcript(20), {
      journal: j,
    });
    expect(result).toMatchObject({ created: 0, skipped: 20 });
    expect(externalIds()).toEqual(expected(20)); // 0 duplicated lines
    expect(routes()['POST /v1/messages/bulk']).toBe(1);
    expect(j.jobs).toEqual([]);
  });

  it('gives a job still running past its budget back to the caller, then follows it later', async () => {
    sandbox.setFaults({ bulk: { jobMs: 600 } });
    const j = journal(60_000);
    await expect(
      client.messages.addTranscript(conversationId, transcript(10), {
        journal: j,
        maxWaitForJobMs: 100,
      }),
    ).rejects.toBeInstanceOf(BulkJobPendingError);
    expect(j.jobs[0]!.id).not.toBeNull();
    const result = await client.messages.addTranscript(conversationId, transcript(10), {
      journal: j,
    });
    expect(result.skipped).toBe(10);
    expect(externalIds()).toEqual(expected(10));
    expect(routes()['POST /v1/messages/bulk']).toBe(1);
  });

  it('records a job before its POST, so a lost answer leaves a job to settle', async () => {
    sandbox.setFaults({ resetAfterCommitRate: 1, match: '^POST /v1/messages/bulk$' });
    const j = journal(JOB_MS * 2);
    await expect(
      client.messages.addTranscript(conversationId, transcript(8), { journal: j }),
    ).rejects.toMatchObject({ code: 'network' });
    expect(j.jobs).toEqual([expect.objectContaining({ id: null, count: 8 })]);
    sandbox.clearFaults();
    await sleep(JOB_MS * 2);
    const result = await client.messages.addTranscript(conversationId, transcript(8), {
      journal: j,
    });
    expect(result.skipped).toBe(8);
    expect(externalIds()).toEqual(expected(8));
  });

  it('falls back to one request per line only when the bulk POST answers 404 or 405', async () => {
    sandbox.setFaults({ errorRates: { '405': 1 }, match: '^POST /v1/messages/bulk$' });
    const result = await client.messages.addTranscript(conversationId, transcript(4));
    expect(result.created).toBe(4);
    expect(routes()['POST /v1/conversations/{id}/messages']).toBe(4);
    expect(externalIds()).toEqual(expected(4));
  });
});

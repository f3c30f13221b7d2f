/**
 * Bulk jobs run as Kustomer runs them: accepted at once with `ids: []`, written later, then
 * `status: "complete"` with `completed: true`; per-item outcomes in the job's batches; faults for
 * items failing inside a job and for a job whose status cannot be read.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api, seedConversation } from './support/http.js';

interface Job {
  id: string;
  type: string;
  attributes: {
    ids: unknown[];
    status: string;
    completed: boolean;
    createdAt: string;
    updatedAt: string;
  };
}
interface Batch {
  attributes: {
    status: string;
    successCount: number;
    failureCount: number;
    objectIds: string[];
    errors: unknown[];
    completedAt: string | null;
  };
}

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startTestSandbox({ bulkJobMs: 150 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postJob(email: string, count: number) {
  const { conversationId } = await seedConversation(sandbox, email);
  const items = Array.from({ length: count }, (_, i) => ({
    channel: 'chat',
    app: 'bot',
    preview: `line ${i}`,
    externalId: `x:${i}`,
    conversation: conversationId,
  }));
  const posted = await api<{ data: Job }>(sandbox, 'POST', '/v1/messages/bulk', { body: items });
  return { conversationId, posted };
}

const readJob = (id: string) => api<{ data: Job }>(sandbox, 'GET', `/v1/bulk/${id}`);
const readBatches = (id: string) =>
  api<{ data: Batch[] }>(sandbox, 'GET', `/v1/bulk/${id}/batches`);

async function untilComplete(id: string) {
  for (let i = 0; i < 100; i += 1) {
    const job = await readJob(id);
    if (job.body.data.attributes.completed) return job.body.data;
    await sleep(25);
  }
  throw new Error('job never completed');
}

describe('asynchronous bulk jobs', () => {
  it('accepts a job with ids: [] and writes nothing until it completes', async () => {
    // A job far longer than any load can delay the reads below, so they see it unfinished.
    sandbox.setFaults({ bulk: { jobMs: 60_000 } });
    const { posted } = await postJob('async@example.com', 3);
    expect(posted.status).toBe(200);
    expect(posted.body.data).toMatchObject({
      type: 'bulk',
      attributes: { ids: [], completed: false, context: 'api.sobjects.messages.bulk-create' },
    });
    expect(['queued', 'running']).toContain(posted.body.data.attributes.status);
    expect(sandbox.state().messages).toHaveLength(0);
    const batches = await readBatches(posted.body.data.id);
    expect(batches.body.data[0]!.attributes).toMatchObject({
      status: 'scheduled',
      successCount: 0,
    });
  });

  it('completes like Kustomer’s example: status "complete", completed true, ids still []', async () => {
    const { posted } = await postJob('done@example.com', 3);
    const job = await untilComplete(posted.body.data.id);
    expect(job.attributes).toMatchObject({ status: 'complete', completed: true, ids: [] });
    const took = Date.parse(job.attributes.updatedAt) - Date.parse(job.attributes.createdAt);
    expect(took).toBeGreaterThanOrEqual(140);
    expect(sandbox.state().messages.map((m) => m.externalId)).toEqual(['x:0', 'x:1', 'x:2']);
    const [batch] = (await readBatches(job.id)).body.data;
    expect(batch!.attributes).toMatchObject({
      status: 'complete',
      successCount: 3,
      failureCount: 0,
    });
    expect(batch!.attributes.objectIds).toEqual(sandbox.state().messages.map((m) => m.id));
  });

  it('takes the duration the fault asks for, drawn in a range', async () => {
    sandbox.setFaults({ bulk: { jobMs: { min: 400, max: 500 } } });
    const { posted } = await postJob('slow@example.com', 1);
    await sleep(200);
    expect((await readJob(posted.body.data.id)).body.data.attributes.status).toBe('running');
    const job = await untilComplete(posted.body.data.id);
    const took = Date.parse(job.attributes.updatedAt) - Date.parse(job.attributes.createdAt);
    expect(took).toBeGreaterThanOrEqual(400);
  });

  it('counts items that fail inside the job and does not write them', async () => {
    sandbox.setFaults({ seed: 7, bulk: { jobMs: 0, itemFailureRate: 0.5 } });
    const { posted } = await postJob('fail@example.com', 20);
    const [batch] = (await readBatches(posted.body.data.id)).body.data;
    const { successCount, failureCount, errors } = batch!.attributes;
    expect(failureCount).toBeGreaterThan(0);
    expect(successCount + failureCount).toBe(20);
    expect(errors).toHaveLength(failureCount);
    expect(sandbox.state().messages).toHaveLength(successCount);
  });

  it('can make a job unreadable: 404 on its status and batches, while it still runs', async () => {
    sandbox.setFaults({ bulk: { unreadableRate: 1 } });
    const { posted } = await postJob('unreadable@example.com', 2);
    expect((await readJob(posted.body.data.id)).status).toBe(404);
    expect((await readBatches(posted.body.data.id)).status).toBe(404);
    await sleep(300);
    expect(sandbox.state().messages).toHaveLength(2);
  });

  it('forgets a running job on reset', async () => {
    await postJob('reset@example.com', 2);
    sandbox.reset();
    await sleep(300);
    expect(sandbox.state().messages).toHaveLength(0);
  });
});

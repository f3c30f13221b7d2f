/**
 * Exactly once under any fault schedule: fast-check picks the fault rates and the seed that
 * decides which request meets which fault (5xx and 429 refused before the write, resets after the
 * write committed, answers held past the client's timeout; asynchronous bulk jobs with random
 * durations, items failing inside a job, jobs whose status cannot be read), and the shape of the
 * work (customers shared or not, transcripts that need one bulk call or two, routing to a Kustomer
 * queue with a work item, with or without Kustomer's own routing picking the conversation up
 * first). Escalations are sent
 * and drained under those faults, then drained on a healthy sandbox; Kustomer must then hold each
 * thing once.
 * The chaos test covers volume and a crash; this covers the orders of failure it may not meet.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxFaults } from '../../src/sandbox/types.js';
import type { EscalationRequest } from '../../src/shared/escalation.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { escalationRequest, transcript } from './helpers/requests.js';

const TIMEOUT_MS = 250;
/** The longest a bulk job takes here (real time, as the sandbox runs them). */
const MAX_JOB_MS = 120;
const RUNS = 80;
// The breaker's cool-down runs on real time (cockatiel uses Date.now), so drains wait it out.
const BREAKER_COOL_DOWN_MS = 40;

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

/** A fresh sandbox and service per case, so a failing case (and its shrinking) starts clean. */
async function freshHarness(): Promise<Harness> {
  const h = await createHarness({
    timeoutMs: TIMEOUT_MS,
    service: {
      maxAttempts: 1_000,
      // Small enough to open under a burst, so refusals by the breaker are in the mix.
      breaker: { threshold: 4, halfOpenAfterMs: BREAKER_COOL_DOWN_MS },
      escalateDeadlineMs: 2_000,
      drainDeadlineMs: 2_000,
      leaseTtlMs: 5_000,
      // Less than the minute each drain round moves the clock on.
      bulkSettleMs: 30_000,
    },
  });
  harnesses.push(h);
  return h;
}

/** A probability in whole percent: fc.double would mostly pick 0 or a denormal. */
const rate = (maxPercent: number) => fc.integer({ min: 0, max: maxPercent }).map((p) => p / 100);

const faultsArb: fc.Arbitrary<SandboxFaults> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  errorRates: fc.record({ '500': rate(30), '503': rate(30), '429': rate(30) }),
  resetAfterCommitRate: rate(40),
  slowResponseRate: rate(10),
  slowResponseMs: fc.constant(TIMEOUT_MS + 150),
  bulk: fc.record({
    jobMs: fc.integer({ min: 0, max: MAX_JOB_MS }).map((max) => ({ min: 0, max })),
    itemFailureRate: rate(30),
    unreadableRate: rate(30),
  }),
});

const workArb = fc.record({
  /** Escalations per customer identity: several share one when > 1. */
  perCustomer: fc.integer({ min: 1, max: 3 }),
  customers: fc.integer({ min: 1, max: 2 }),
  /** Transcript lengths: 0 (no transcript), a few lines, or more than one bulk call. */
  lines: fc.constantFrom(0, 3, 12, 130),
  /** Drains while the faults last, before the sandbox recovers. */
  faultyDrains: fc.integer({ min: 0, max: 4 }),
  /** No queue; a work item in our queue; the same after the org's own queue rule made one. */
  queue: fc.constantFrom('none', 'ours', 'kustomer-first'),
});

/**
 * A minute on the frozen clock (past the settle time and the rate-limit window), and the real
 * time the sandbox's jobs take, so that a job given its settle time has indeed run.
 */
async function settleJobs(h: Harness): Promise<void> {
  h.advance(61_000);
  await sleep(MAX_JOB_MS + 20);
}

async function drainUntilEmpty(h: Harness): Promise<void> {
  for (let round = 0; round < 30; round++) {
    const { queued, retrying } = await h.service.outboxSummary();
    if (queued + retrying === 0) return;
    if (h.service.breakerState() === 'open') await sleep(BREAKER_COOL_DOWN_MS + 10);
    await settleJobs(h);
    await h.service.drain();
  }
  throw new Error(`the outbox did not empty: ${JSON.stringify(await h.service.outboxSummary())}`);
}

describe('exactly once under generated fault schedules', () => {
  it('every escalation lands once: one customer per identity, one conversation, each line, one note, one work item', async () => {
    await fc.assert(
      fc.asyncProperty(faultsArb, workArb, async (faults, work) => {
        const h = await freshHarness();
        const requests: EscalationRequest[] = [];
        for (let c = 0; c < work.customers; c++) {
          const email = `fault-${requests.length}-${h.now()}@example.com`;
          for (let i = 0; i < work.perCustomer; i++)
            requests.push(
              escalationRequest({ customer: { email }, transcript: transcript(work.lines) }),
            );
        }
        const queues = h.sandbox.state().queues;
        const ourQueue = queues[1]!.id;
        if (work.queue !== 'none') await h.saveSettings({ defaultQueueId: ourQueue });
        if (work.queue === 'kustomer-first') h.sandbox.routing.setQueueRule(queues[0]!.id);
        h.sandbox.setFaults(faults);
        await Promise.all(requests.map((r) => h.service.escalate(r)));
        // The transcripts and notes go on after the answers.
        await h.service.idle();
        for (let i = 0; i < work.faultyDrains; i++) {
          await settleJobs(h);
          await h.service.drain();
        }
        h.sandbox.clearFaults();
        await drainUntilEmpty(h);

        const state = h.sandbox.state();
        expect(await h.service.outboxSummary()).toMatchObject({ queued: 0, retrying: 0, dead: 0 });
        // Against Kustomer-shaped answers (list relationships, null ones, tags as ids), every
        // escalation ends done, none dead on a shape.
        expect(await h.store.records.countByState()).toEqual({ done: requests.length });
        expect(state.customers).toHaveLength(work.customers);
        for (const request of requests) {
          const conversations = state.conversations.filter(
            (c) => c.externalId === request.escalationId,
          );
          expect(conversations).toHaveLength(1);
          const id = conversations[0]!.id;
          const lines = state.messages
            .filter((m) => m.conversationId === id)
            .map((m) => m.externalId);
          expect(lines).toHaveLength(work.lines);
          expect(new Set(lines).size).toBe(work.lines);
          expect(state.notes.filter((n) => n.conversationId === id)).toHaveLength(1);
          // One work item, in our queue, however often its answer was lost.
          const items = state.workItems.filter((w) => w.conversationId === id);
          if (work.queue === 'none') expect(items).toEqual([]);
          else expect(items).toEqual([expect.objectContaining({ queueId: ourQueue })]);
        }
        expect(state.conversations).toHaveLength(requests.length);
        for (const request of requests)
          expect(await h.service.status(request.escalationId)).toMatchObject({ state: 'done' });
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

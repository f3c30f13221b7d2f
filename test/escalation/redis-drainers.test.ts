/**
 * Two instances (two processes' worth of client, service and Redis connection) drain the same
 * Redis outbox at the same time against the sandbox: the leases must let exactly one of them
 * deliver each escalation, so Kustomer holds one conversation, one note and one copy of each
 * transcript line per escalation. Then the same while Kustomer fails under them: refusals, resets
 * after a write committed and answers held past the client's timeout, bulk jobs of random length
 * with items failing inside them or a status that cannot be read, so a record one instance left
 * ambiguous is often resumed by the other.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationService,
  type EscalationServiceOptions,
} from '../../src/escalation/service.js';
import { createSettingsService } from '../../src/escalation/settings.js';
import type { EscalationStore } from '../../src/escalation/store.js';
import type { EscalationPatch } from '../../src/escalation/record.js';
import { createRedisStore } from '../../src/escalation/stores/index.js';
import { createKustomerClient } from '../../src/kustomer/client.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { failingStore } from '../support/failing-store.js';
import { startRedis } from '../support/redis.js';
import { escalationRequest, transcript } from './helpers/requests.js';

const ESCALATIONS = 40;
/** The longest a bulk job takes (real time); each drain round lets it pass. */
const MAX_JOB_MS = 300;
let redis: { url: string; stop(): Promise<void> };
let sandbox: SandboxHandle;
let now = Date.now();
const clock = () => now;

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ now: clock, bulkJobMs: 50 });
});
afterAll(async () => {
  await sandbox.close();
  await redis.stop();
});

interface InstanceOptions {
  timeoutMs?: number;
  wrap?: (store: EscalationStore) => EscalationStore;
  service?: Partial<EscalationServiceOptions>;
}

function startInstance(
  owner: string,
  keyPrefix: string,
  { timeoutMs = 8_000, wrap = (store) => store, service: overrides = {} }: InstanceOptions = {},
) {
  const store = wrap(createRedisStore({ url: redis.url, keyPrefix, clock }));
  // The outbox is the retry mechanism under test; the client does not retry on its own.
  const client = createKustomerClient({
    baseURL: sandbox.url,
    apiKey: sandbox.apiKey,
    clock,
    maxRetries: 0,
    timeoutMs,
    expectedBulkJobMs: 100,
  });
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
    clock,
    owner,
    backoff: { baseMs: 1_000, maxMs: 5_000, random: () => 1 },
    breaker: { threshold: 1_000 },
    drainConcurrency: 4,
    // Under the 10 s the clock moves between drains times a few rounds.
    bulkSettleMs: 20_000,
    ...overrides,
  });
  return { store, service };
}

/**
 * The store of a process that dies at the write recording `state`: that write and every later
 * store call fail, while what it already sent to Kustomer stays sent.
 */
function dyingAt(state: EscalationPatch['state']) {
  let dead = false;
  const diesHere = (method: string, args: unknown[]) =>
    (dead ||= method === 'records.update' && (args[1] as EscalationPatch).state === state);
  return (store: EscalationStore) => failingStore(store, diesHere, () => new Error('process died'));
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** Kustomer holds each escalation's conversation, transcript lines and note exactly once. */
function expectEachOnce(requests: ReturnType<typeof escalationRequest>[]) {
  const state = sandbox.state();
  const conversations = countBy(state.conversations, (c) => c.externalId ?? '');
  const messages = countBy(state.messages, (m) => m.externalId ?? '');
  const notes = countBy(state.notes, (n) => n.conversationId);
  for (const request of requests) {
    expect(conversations.get(request.escalationId), request.escalationId).toBe(1);
    for (const line of request.transcript)
      expect(messages.get(`${request.escalationId}:${line.id}`)).toBe(1);
  }
  expect(state.conversations).toHaveLength(requests.length);
  expect(state.notes).toHaveLength(requests.length);
  expect([...notes.values()].every((n) => n === 1)).toBe(true);
}

describe('two instances on one Redis outbox', () => {
  it('deliver each queued escalation exactly once when they drain at the same time', async () => {
    const prefix = `drainers-${process.pid}-${Date.now()}:`;
    const a = startInstance('instance-a', prefix);
    const b = startInstance('instance-b', prefix);
    try {
      // Kustomer is down: every escalation is acknowledged as queued, on instance A.
      sandbox.setFaults({ outageUntil: now + 60_000 });
      const requests = Array.from({ length: ESCALATIONS }, (_, i) =>
        escalationRequest({ transcript: transcript(1 + (i % 7)) }),
      );
      for (const request of requests)
        expect(await a.service.escalate(request)).toMatchObject({ status: 'queued' });
      expect(await b.service.outboxSummary()).toMatchObject({ queued: ESCALATIONS });

      sandbox.clearFaults();
      let leased = 0;
      for (let round = 0; round < 5; round++) {
        now += 10_000;
        const reports = await Promise.all([a.service.drain(), b.service.drain()]);
        leased += reports.reduce((n, r) => n + r.leased, 0);
        const { queued, retrying } = await a.service.outboxSummary();
        if (queued + retrying === 0) break;
      }

      expect(await a.store.records.countByState()).toEqual({ done: ESCALATIONS });
      expectEachOnce(requests);
      // Both drained the same outbox at once, so they met: records were held by the other's lease.
      expect(leased).toBeGreaterThan(0);
    } finally {
      await a.service.close();
      await b.service.close();
    }
  }, 60_000);

  it('deliver each exactly once when Kustomer fails under them and they resume each other', async () => {
    sandbox.reset();
    const prefix = `drainers-faults-${process.pid}-${Date.now()}:`;
    const a = startInstance('instance-a', prefix, { timeoutMs: 300 });
    const b = startInstance('instance-b', prefix, { timeoutMs: 300 });
    try {
      sandbox.setFaults({ outageUntil: now + 60_000 });
      const requests = Array.from({ length: ESCALATIONS }, (_, i) =>
        escalationRequest({ transcript: transcript(1 + (i % 7)) }),
      );
      for (const request of requests) await a.service.escalate(request);
      sandbox.setFaults({
        errorRates: { '500': 0.1, '503': 0.1 },
        resetAfterCommitRate: 0.25,
        slowResponseRate: 0.05,
        slowResponseMs: 500,
        bulk: { jobMs: { min: 20, max: MAX_JOB_MS }, itemFailureRate: 0.15, unreadableRate: 0.2 },
        seed: 7,
      });
      let drains = 0;
      for (let round = 0; round < 60; round++) {
        // Faults for the first rounds, then a healthy Kustomer to finish.
        if (round === 6) sandbox.clearFaults();
        now += 10_000;
        // A job given its settle time on the test clock has had its real time to run too.
        await sleep(MAX_JOB_MS + 20);
        await Promise.all([a.service.drain(), b.service.drain()]);
        drains += 2;
        const { queued, retrying } = await b.service.outboxSummary();
        if (queued + retrying === 0) break;
      }
      expect(await b.store.records.countByState()).toEqual({ done: ESCALATIONS });
      expectEachOnce(requests);
      console.log(
        `[redis drainers, faults] ${ESCALATIONS} escalations done once in ${drains} drains`,
      );
    } finally {
      await a.service.close();
      await b.service.close();
    }
  }, 60_000);

  it('finish, once, what an instance that died mid-escalation left behind', async () => {
    sandbox.reset();
    sandbox.clearFaults();
    const prefix = `drainers-crash-${process.pid}-${Date.now()}:`;
    // A dies recording the transcript and the note, both of which it had already sent. Redis
    // expires its lease in real time, so that lease is short here.
    const a = startInstance('instance-a', prefix, {
      wrap: dyingAt('transcript_synced'),
      service: { leaseTtlMs: 1_500, escalateDeadlineMs: 1_000, drainDeadlineMs: 1_000 },
    });
    const b = startInstance('instance-b', prefix);
    try {
      const request = escalationRequest({ transcript: transcript(12) });
      // Answered when the conversation existed; it died recording the note and transcript.
      expect(await a.service.escalate(request)).toMatchObject({ status: 'escalated' });
      await a.service.idle();
      expect(sandbox.state().notes).toHaveLength(1);
      expect(sandbox.state().messages).toHaveLength(12);
      expect(await b.store.records.get(request.escalationId)).toMatchObject({
        state: 'conversation_created',
      });
      // Nothing to do while the record is fresh and A's lease holds.
      expect(await b.service.drain()).toMatchObject({ attempted: 0 });
      now += 61_000;
      await sleep(1_600);
      expect(await b.service.drain()).toMatchObject({ delivered: 1 });
      expect(await b.store.records.get(request.escalationId)).toMatchObject({ state: 'done' });
      expectEachOnce([request]);
    } finally {
      await b.service.close();
      await a.service.close().catch(() => {});
    }
  }, 30_000);
});

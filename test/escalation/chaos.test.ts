/**
 * Chaos: a few hundred escalations against the sandbox under a schedule of faults (5xx bursts,
 * 429 storms, an outage, resets after commit, responses slower than the client's timeout) with a
 * crash and restart in the middle; a third of the chats then send three later messages each.
 * Kustomer's bulk jobs run asynchronously throughout, for a random time each, and one phase adds
 * items failing inside jobs, jobs whose status cannot be read and resets after the bulk POST
 * committed. Afterwards Kustomer must hold exactly one customer per identity, one conversation per
 * escalation, every transcript line once, one note each, and every later message once, in the
 * order its chat sent them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createEscalationService } from '../../src/escalation/service.js';
import { createSettingsService } from '../../src/escalation/settings.js';
import { createFileStore } from '../../src/escalation/stores/index.js';
import { createKustomerClient } from '../../src/kustomer/client.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { SandboxFaults, SandboxHandle } from '../../src/sandbox/types.js';
import type { EscalationRequest } from '../../src/shared/escalation.js';
import { crashable } from './helpers/crashable-store.js';
import { escalationRequest, transcript } from './helpers/requests.js';

const PER_PHASE = 36;
/** Bulk jobs take up to this long (real time); drains wait it out after a jump of the clock. */
const MAX_JOB_MS = 400;
const jobs = (max: number) => ({ jobMs: { min: 20, max } });
// Longer than any attempt's deadline, as the service requires; on the test clock, so the jump
// after the crash expires the dead instance's leases.
const LEASE_TTL_MS = 10_000;
// Real time, plus jumps past backoffs and rate-limit windows: waits of a few seconds (a window
// that ends soon) pass as they would in production, and the long ones are skipped.
let skipped = 0;
const clock = () => Date.now() + skipped;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function startInstance(sandbox: SandboxHandle, dir: string, owner: string) {
  const inner = await createFileStore({ dir, clock });
  const store = crashable(inner);
  // The sandbox's clock: rate-limit resets it reports must mean the same time to the client.
  const client = createKustomerClient({
    clock,
    baseURL: sandbox.url,
    apiKey: sandbox.apiKey,
    timeoutMs: 700,
    maxRetries: 0,
  });
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
    clock,
    owner,
    backoff: { baseMs: 1_000, maxMs: 20_000 },
    maxAttempts: 1_000,
    breaker: { threshold: 10, halfOpenAfterMs: 200 },
    escalateDeadlineMs: 3_000,
    drainDeadlineMs: 8_000,
    drainConcurrency: 8,
    leaseTtlMs: LEASE_TTL_MS,
    staleAfterMs: 30_000,
    // Under the clock's jumps between drains, so an unreadable job is listed in the next round.
    bulkSettleMs: 15_000,
  });
  return { inner, store, service };
}

let emailCounter = 0;
function makeRequests(n: number, seed: number): EscalationRequest[] {
  return Array.from({ length: n }, (_, i) => {
    const repeat = (i + seed) % 3 !== 0;
    const email = repeat
      ? `regular-${(i * 7 + seed) % 40}@example.com`
      : `new-${++emailCounter}@example.com`;
    return escalationRequest({
      customer: { email },
      transcript: transcript(1 + ((i * 13 + seed) % 30)),
    });
  });
}

/** Escalates with limited concurrency; a crash makes some calls fail, which the chat would retry. */
async function escalateAll(
  service: ReturnType<typeof createEscalationService>,
  requests: EscalationRequest[],
) {
  const queue = [...requests];
  const failed: EscalationRequest[] = [];
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      await service.escalate(r).catch(() => failed.push(r));
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return failed;
}

/** Three later messages from every third chat; a chat sends one at a time, in order. */
async function chatAll(
  service: ReturnType<typeof createEscalationService>,
  requests: EscalationRequest[],
  tag: string,
  sent: Map<string, string[]>,
) {
  const chats = requests.filter((_, i) => i % 3 === 0);
  await Promise.all(
    chats.map(async (r) => {
      for (let k = 0; k < 3; k++) {
        const text = `${tag} message ${k + 1} from ${r.escalationId}`;
        const input = { id: `${tag}-${k + 1}`, text, at: new Date(clock()).toISOString() };
        // A failed send is retried by the chat with the same id, as the composer does.
        let result = await service.chat.send(r.escalationId, r.sessionId, input).catch(() => null);
        result ??= await service.chat.send(r.escalationId, r.sessionId, input);
        if (!result) throw new Error(`chat message for ${r.escalationId} was not accepted`);
        sent.set(r.escalationId, [...(sent.get(r.escalationId) ?? []), text]);
      }
    }),
  );
}

/** The clock jumps only once no attempt is running (a jump would expire their leases). */
async function jump(service: ReturnType<typeof createEscalationService>, ms: number) {
  await service.idle();
  skipped += ms;
  // A job given its settle time on the jumping clock has had its real time to run too.
  await sleep(MAX_JOB_MS + 20);
}

async function drainRounds(service: ReturnType<typeof createEscalationService>, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    await jump(service, 20_000);
    await service.drain({ limit: 200 });
    if (service.breakerState() === 'open') await sleep(250);
  }
}

describe('chaos', () => {
  it('delivers every escalation exactly once through faults and a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'escalation-chaos-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const sandbox = await startSandbox({ orgRateLimitPerMin: 400, now: clock });
    cleanups.push(() => sandbox.close());
    let instance = await startInstance(sandbox, dir, 'instance-a');
    const all: EscalationRequest[] = [];
    const chatSent = new Map<string, string[]>();
    const schedule: [string, SandboxFaults][] = [
      ['clean', {}],
      ['5xx bursts', { errorRates: { '500': 0.25, '503': 0.15 }, seed: 1 }],
      ['429 storm', { errorRates: { '429': 0.4 }, seed: 2 }],
      ['outage', { outageUntil: clock() + 30_000 }],
      ['resets after commit + crash', { resetAfterCommitRate: 0.3, seed: 3 }],
      ['slow responses', { slowResponseRate: 0.15, slowResponseMs: 1_200, seed: 4 }],
      [
        'bulk jobs failing, unreadable, reset after commit',
        {
          resetAfterCommitRate: 0.3,
          match: '^(POST /v1/messages/bulk|GET /v1/bulk/.*)$',
          bulk: { ...jobs(MAX_JOB_MS), itemFailureRate: 0.2, unreadableRate: 0.25 },
          seed: 5,
        },
      ],
    ];
    for (const [index, [name, faults]] of schedule.entries()) {
      // Every phase runs asynchronous jobs of random length.
      sandbox.setFaults({ bulk: jobs(MAX_JOB_MS / 2), ...faults });
      const requests = makeRequests(PER_PHASE, index);
      all.push(...requests);
      if (name.includes('crash')) {
        // Kill the instance while escalations are mid-way, then restart from the same directory.
        const running = escalateAll(instance.service, requests);
        await sleep(60);
        instance.store.crash();
        const lost = await running;
        await instance.service.idle();
        await instance.inner.close();
        // Requests the dead instance had on the wire land or fail; then its leases run out.
        await sleep(200);
        skipped += LEASE_TTL_MS + 31_000;
        instance = await startInstance(sandbox, dir, 'instance-b');
        // The chat retries the calls that failed with the crash (same escalationId).
        const half = Math.ceil(lost.length / 2);
        expect(await escalateAll(instance.service, lost.slice(0, half))).toEqual([]);
        // The others are left to the drain; one the crash caught before it was stored never
        // existed (the chat got an error for it), so it is not expected in Kustomer.
        for (const r of lost.slice(half)) {
          if (!(await instance.store.records.get(r.escalationId))) all.splice(all.indexOf(r), 1);
        }
      } else {
        expect(await escalateAll(instance.service, requests)).toEqual([]);
      }
      // Some chats send the same escalation again; one the crash lost is then expected after all.
      const repeats = requests.filter((_, i) => i % 9 === 0);
      for (const r of repeats) if (!all.includes(r)) all.push(r);
      await escalateAll(instance.service, repeats);
      await chatAll(
        instance.service,
        requests.filter((r) => all.includes(r)),
        `p${index}`,
        chatSent,
      );
      await drainRounds(instance.service, 2);
    }
    sandbox.clearFaults();
    for (let round = 0; round < 40; round++) {
      const summary = await instance.service.outboxSummary();
      const stuck = await instance.store.records.list({
        states: ['received', 'customer_resolved', 'conversation_created', 'transcript_synced'],
      });
      const messagesWaiting = await instance.store.records.messagesDue(
        new Date(clock() + 3_600_000),
        1,
      );
      if (summary.queued + summary.retrying + stuck.length + messagesWaiting.length === 0) break;
      await jump(instance.service, 61_000);
      await instance.service.drain({ limit: 500 });
      if (instance.service.breakerState() !== 'closed') await sleep(250);
    }
    cleanups.push(() => instance.service.close());

    const state = sandbox.state();
    const conversationsById = new Map<string, number>();
    for (const c of state.conversations)
      conversationsById.set(
        c.externalId ?? '',
        (conversationsById.get(c.externalId ?? '') ?? 0) + 1,
      );
    const messageIds = new Map<string, number>();
    for (const m of state.messages)
      messageIds.set(m.externalId ?? '', (messageIds.get(m.externalId ?? '') ?? 0) + 1);
    const emails = new Map<string, number>();
    for (const c of state.customers)
      for (const e of c.emails) emails.set(e.email, (emails.get(e.email) ?? 0) + 1);
    const notesByConversation = new Map<string, number>();
    for (const n of state.notes)
      notesByConversation.set(
        n.conversationId,
        (notesByConversation.get(n.conversationId) ?? 0) + 1,
      );
    const counts = await instance.store.records.countByState();
    // Later messages: every one accepted is on its conversation once, in the order sent.
    const escalationOf = new Map(state.conversations.map((c) => [c.id, c.externalId ?? '']));
    const landed = new Map<string, string[]>();
    for (const m of state.messages.filter((x) => x.externalId?.includes('~'))) {
      const id = escalationOf.get(m.conversationId) ?? '';
      landed.set(id, [...(landed.get(id) ?? []), m.preview ?? '']);
    }
    const chat = { sent: 0, lost: 0, duplicated: 0, outOfOrder: 0 };
    for (const [id, texts] of chatSent) {
      const got = landed.get(id) ?? [];
      chat.sent += texts.length;
      chat.lost += texts.filter((t) => !got.includes(t)).length;
      chat.duplicated += got.length - new Set(got).size;
      if (got.join('\n') !== texts.join('\n') && new Set(got).size === texts.length)
        chat.outOfOrder += 1;
    }
    console.log('chaos:', {
      escalations: all.length,
      states: counts,
      customers: state.customers.length,
      identities: new Set(all.map((r) => r.customer.email)).size,
      conversations: state.conversations.length,
      messages: state.messages.length,
      expectedMessages: all.reduce((n, r) => n + r.transcript.length, 0),
      notes: state.notes.length,
      requests: state.requests.total,
      rateLimited: state.requests.rateLimited,
      laterMessages: chat,
    });

    expect(counts).toEqual({ done: all.length });
    expect([...emails.values()].every((n) => n === 1)).toBe(true);
    expect(emails.size).toBe(new Set(all.map((r) => r.customer.email)).size);
    for (const r of all) {
      expect(conversationsById.get(r.escalationId), r.escalationId).toBe(1);
      for (const entry of r.transcript)
        expect(messageIds.get(`${r.escalationId}:${entry.id}`)).toBe(1);
    }
    expect(state.conversations).toHaveLength(all.length);
    expect(chat).toEqual({ sent: 3 * chatSent.size, lost: 0, duplicated: 0, outOfOrder: 0 });
    for (const [id, texts] of chatSent) expect(landed.get(id), id).toEqual(texts);
    expect(state.messages).toHaveLength(
      all.reduce((n, r) => n + r.transcript.length, 0) + chat.sent,
    );
    expect([...notesByConversation.values()].every((n) => n === 1)).toBe(true);
    expect(state.notes).toHaveLength(all.length);
    // The analytics counters, through the crash and the restart: each escalation counted once.
    const days = new Set(
      (await instance.store.records.list()).map((r) => r.createdAt.slice(0, 10)),
    );
    const stats = Object.values(await instance.store.stats.read([...days]));
    const sum = (pick: (field: string) => boolean) =>
      stats.flatMap((day) => Object.entries(day)).reduce((n, [f, v]) => n + (pick(f) ? v : 0), 0);
    expect({
      escalations: sum((f) => f === 'n'),
      delivered: sum((f) => f === 's:delivered'),
      timed: sum((f) => f.startsWith('e:')),
    }).toEqual({ escalations: all.length, delivered: all.length, timed: all.length });
  }, 180_000);
});

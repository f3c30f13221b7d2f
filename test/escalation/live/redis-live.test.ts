/**
 * The live conversation on two instances sharing one real Redis: later messages sent through
 * either instance, through faults and a process that dies between sending and recording, land
 * once each and in order; an event stream on one instance hears a reply the other recorded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEscalationService } from '../../../src/escalation/service.js';
import { createSettingsService } from '../../../src/escalation/settings.js';
import type { EscalationStore } from '../../../src/escalation/store.js';
import { createRedisStore } from '../../../src/escalation/stores/index.js';
import { createKustomerClient } from '../../../src/kustomer/client.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { startSandbox } from '../../../src/sandbox/server.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';
import { openEventStream } from '../../../src/server/handlers/live-stream.js';
import type { Services } from '../../../src/server/services.js';
import { failingStore } from '../../support/failing-store.js';
import { startRedis } from '../../support/redis.js';
import { sseReader } from '../../support/sse.js';
import { escalationRequest } from '../helpers/requests.js';

let redis: { url: string; stop(): Promise<void> };
let sandbox: SandboxHandle;
let now = Date.now();
const clock = () => now;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ now: clock });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await sandbox.close();
  await redis.stop();
});

/** Leases live in Redis's own time: short ones, so a dead instance's run out within the test. */
const SHORT_LEASES = { leaseTtlMs: 1_500, escalateDeadlineMs: 1_000, drainDeadlineMs: 1_000 };

function startInstance(owner: string, prefix: string, wrap = (s: EscalationStore) => s) {
  const store = wrap(createRedisStore({ url: redis.url, keyPrefix: prefix, clock }));
  const client = createKustomerClient({
    baseURL: sandbox.url,
    apiKey: sandbox.apiKey,
    clock,
    maxRetries: 0,
    timeoutMs: 1_500,
  });
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
    clock,
    owner,
    backoff: { baseMs: 1_000, maxMs: 5_000, random: () => 1 },
    breaker: { threshold: 1_000 },
    ...SHORT_LEASES,
  });
  closers.push(() => service.close());
  return { store, service };
}

const liveOn = (conversationId: string) =>
  sandbox
    .state()
    .messages.filter((m) => m.conversationId === conversationId && m.externalId?.includes('~'))
    .map((m) => m.preview);

describe('the live conversation on two instances', () => {
  it('lands every message once and in order, whichever instance took or delivered it', async () => {
    const prefix = `live-${process.pid}-${Date.now()}:`;
    const a = startInstance('a', prefix);
    const b = startInstance('b', prefix);
    const requests = Array.from({ length: 8 }, () => escalationRequest());
    for (const r of requests) expect((await a.service.escalate(r)).status).toBe('escalated');
    sandbox.setFaults({
      errorRates: { '503': 0.2 },
      resetAfterCommitRate: 0.25,
      match: '^POST /v1/conversations/[0-9a-f]+/messages$',
      seed: 7,
    });
    const expected = new Map<string, string[]>();
    await Promise.all(
      requests.map(async (r, i) => {
        for (let k = 1; k <= 5; k += 1) {
          const text = `message ${k} of chat ${i}`;
          const via = (i + k) % 2 ? a : b;
          const input = { id: `c${k}`, text, at: new Date(clock()).toISOString() };
          expect(await via.service.chat.send(r.escalationId, r.sessionId, input)).not.toBeNull();
          expected.set(r.escalationId, [...(expected.get(r.escalationId) ?? []), text]);
        }
      }),
    );
    sandbox.clearFaults();
    for (let round = 0; round < 10; round += 1) {
      now += 10_000;
      await Promise.all([a.service.drain(), b.service.drain()]);
      if ((await a.store.records.messagesDue(new Date(now + 3_600_000), 1)).length === 0) break;
    }
    for (const r of requests) {
      const record = await a.store.records.get(r.escalationId);
      expect(liveOn(record!.conversationId!), r.escalationId).toEqual(expected.get(r.escalationId));
    }
  });

  it('after a process dies between sending and recording, the other delivers the rest once', async () => {
    const prefix = `live-dies-${process.pid}-${Date.now()}:`;
    // Once armed, the process dies at its second conditional write: the first appends the
    // message, the second would record it delivered (Kustomer has it, the store will not).
    let armed = false;
    let writes = 0;
    let dead = false;
    const dying = (store: EscalationStore) =>
      failingStore(
        store,
        (method) => (dead ||= armed && method === 'records.updateWhere' && ++writes === 2),
        () => new Error('process died'),
      );
    const a = startInstance('a', prefix, dying);
    const b = startInstance('b', prefix);
    const r = escalationRequest();
    expect((await a.service.escalate(r)).status).toBe('escalated');
    const at = () => new Date(clock()).toISOString();
    await b.service.chat.send(r.escalationId, r.sessionId, { id: 'c1', text: 'before', at: at() });
    armed = true;
    await expect(
      a.service.chat.send(r.escalationId, r.sessionId, { id: 'c2', text: 'unrecorded', at: at() }),
    ).rejects.toThrow('process died');
    const left = (await b.store.records.get(r.escalationId))!;
    expect(left.chatMessages!.map((m) => [m.id, m.deliveredAt === null])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    const conversationId = left.conversationId!;
    expect(liveOn(conversationId)).toEqual(['before', 'unrecorded']); // it did land
    // The chat sends its next message through the other instance once the dead one's lease ran out.
    await sleep(SHORT_LEASES.leaseTtlMs + 100);
    now += 120_000;
    await b.service.chat.send(r.escalationId, r.sessionId, { id: 'c3', text: 'after', at: at() });
    await b.service.drain();
    expect(liveOn(conversationId)).toEqual(['before', 'unrecorded', 'after']);
    const record = (await b.store.records.get(r.escalationId))!;
    expect(record.chatMessages!.every((m) => m.deliveredAt !== null)).toBe(true);
  });

  it('streams a reply to the chat from one instance when another recorded it', async () => {
    const prefix = `live-stream-${process.pid}-${Date.now()}:`;
    const a = startInstance('a', prefix);
    const b = startInstance('b', prefix);
    const r = escalationRequest();
    const result = await a.service.escalate(r);
    if (result.status !== 'escalated') throw new Error('not escalated');
    const services = { escalations: b.service, logger: silentLogger } as unknown as Services;
    const events = sseReader(
      openEventStream(services, r.escalationId, r.sessionId, null, {
        streamMs: 5_000,
        pollMs: 100,
      }),
    );
    expect((await events.next())?.event).toBe('status');
    await a.service.recordAgentReply({
      eventId: 'evt-1',
      conversationId: result.conversationId,
      messageId: 'msg-1',
      text: 'Hello from the other instance',
      at: new Date(clock()).toISOString(),
      author: 'Sam',
    });
    const seen = await events.until('reply');
    await events.cancel();
    expect(seen.map((e) => e.event)).toEqual(['agent_joined', 'reply']);
  });
});

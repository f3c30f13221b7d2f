/**
 * The escalation flow's decisions (resume, outbox, dead, disabled, breaker, deadline) with an
 * in-process Kustomer stand-in; service.test.ts covers the same flow over HTTP with the sandbox.
 */
import { describe, expect, it } from 'vitest';
import { newRecord } from '../../src/escalation/records.js';
import { createEscalationService } from '../../src/escalation/service.js';
import { createSettingsService, defaultSettings } from '../../src/escalation/settings.js';
import { KustomerValidationError } from '../../src/kustomer/errors.js';
import type { IntegrationSettings } from '../../src/shared/settings.js';
import { createFakeKustomer } from './helpers/fake-kustomer.js';
import { escalationRequest } from './helpers/requests.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';

function setup(options: { settings?: Partial<IntegrationSettings>; deadlineMs?: number } = {}) {
  let now = Date.parse('2026-03-01T12:00:00Z');
  const clock = () => now;
  const fake = createFakeKustomer();
  const store = createMemoryStore({ clock });
  const settings = createSettingsService({ store, client: fake.client });
  if (options.settings) {
    void store.settings.save({ ...defaultSettings(), ...options.settings });
  }
  const service = createEscalationService({
    client: fake.client,
    store,
    settings,
    clock,
    owner: 'test',
    backoff: { baseMs: 1000, random: () => 1 },
    breaker: { threshold: 100 },
    escalateDeadlineMs: options.deadlineMs ?? 4000,
  });
  return { fake, store, service, advance: (ms: number) => (now += ms) };
}

describe('escalation flow', () => {
  it('escalates: customer, conversation, transcript and note, and stores the result', async () => {
    const { fake, service } = setup();
    const request = escalationRequest();
    const result = await service.escalate(request);
    expect(result).toMatchObject({ status: 'escalated', priority: 3 });
    // Answered once the conversation exists; the transcript and note follow.
    expect(fake.state.conversations).toHaveLength(1);
    await service.idle();
    expect(fake.state.messages).toHaveLength(4);
    expect(fake.state.notes).toHaveLength(1);
    expect(await service.status(request.escalationId)).toMatchObject({
      state: 'done',
      attempts: 1,
      result,
    });
  });

  it('a repeated escalationId returns the first result and creates nothing more', async () => {
    const { fake, service } = setup();
    const request = escalationRequest();
    const [a, b] = await Promise.all([service.escalate(request), service.escalate(request)]);
    const c = await service.escalate(request);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(fake.state.conversations).toHaveLength(1);
  });

  it('after a reset that committed the conversation, the drain finds it instead of creating another', async () => {
    const { fake, service, advance } = setup();
    let faulted = false;
    fake.setFault((op) =>
      op === 'POST conversation' && !faulted ? ((faulted = true), 'reset-after-commit') : null,
    );
    const request = escalationRequest();
    expect(await service.escalate(request)).toMatchObject({
      status: 'queued',
      reason: 'kustomer_unavailable',
    });
    advance(1000);
    expect(await service.drain()).toMatchObject({ delivered: 1 });
    expect(fake.state.conversations).toHaveLength(1);
    expect(fake.state.calls).toContain('GET conversation');
    expect(fake.state.messages).toHaveLength(4);
  });

  it('queues during an outage and delivers exactly once after it, only when due', async () => {
    const { fake, service, advance } = setup();
    fake.setFault((op) => (op.startsWith('POST') ? fake.outage() : null));
    const request = escalationRequest();
    const queued = await service.escalate(request);
    expect(queued).toEqual({
      status: 'queued',
      escalationId: request.escalationId,
      reason: 'kustomer_unavailable',
      retryAt: '2026-03-01T12:00:01.000Z',
    });
    expect(await service.outboxSummary()).toMatchObject({ queued: 1 });
    fake.setFault(() => null);
    expect(await service.drain()).toMatchObject({ attempted: 0 });
    advance(1000);
    expect(await service.drain()).toEqual({
      attempted: 1,
      delivered: 1,
      requeued: 0,
      dead: 0,
      leased: 0,
      messagesDelivered: 0,
      purged: 0,
    });
    expect(await service.drain()).toMatchObject({ attempted: 0 });
    expect(fake.state.customers).toHaveLength(1);
    expect(fake.state.conversations).toHaveLength(1);
    expect(fake.state.notes).toHaveLength(1);
  });

  it('keeps the transcript it already synced when only the note failed', async () => {
    const { fake, service, store, advance } = setup();
    fake.setFault((op) => (op === 'POST note' ? fake.outage() : null));
    const request = escalationRequest();
    expect(await service.escalate(request)).toMatchObject({ status: 'escalated' });
    await service.idle();
    expect(await store.records.get(request.escalationId)).toMatchObject({
      state: 'queued',
      result: { status: 'escalated' },
      transcriptSynced: true,
      noteCreated: false,
    });
    fake.setFault(() => null);
    advance(2000);
    await service.drain();
    expect(fake.state.calls.filter((c) => c === 'POST messages')).toHaveLength(1);
    expect(fake.state.notes).toHaveLength(1);
  });

  it('a validation error makes the escalation dead, visible, and replayable', async () => {
    const { fake, service } = setup();
    fake.setFault((op) =>
      op === 'POST conversation'
        ? new KustomerValidationError('Kustomer POST /v1/conversations failed: 400')
        : null,
    );
    const request = escalationRequest({ customer: { email: 'jane.doe@example.com' } });
    expect(await service.escalate(request)).toMatchObject({
      status: 'queued',
      reason: 'needs_attention',
    });
    const [item] = await service.outbox();
    expect(item).toMatchObject({
      state: 'dead',
      customer: 'j***@example.com',
      lastError: { code: 'validation' },
    });
    expect(await service.drain()).toMatchObject({ attempted: 0 });
    fake.setFault(() => null);
    expect(await service.retryNow(request.escalationId)).toMatchObject({ status: 'escalated' });
    expect(fake.state.conversations).toHaveLength(1);
    expect(await service.purgeDead()).toBe(0);
  });

  it('gives up after maxAttempts of retryable failures', async () => {
    const { fake, service, advance } = setup();
    fake.setFault(() => fake.outage());
    const request = escalationRequest();
    await service.escalate(request);
    for (let i = 0; i < 20; i++) {
      advance(10 * 60_000);
      await service.drain();
    }
    expect(await service.status(request.escalationId)).toMatchObject({
      state: 'dead',
      attempts: 12,
    });
    expect(await service.purgeDead()).toBe(1);
  });

  it('refuses while disabled but stores the request', async () => {
    const { fake, service } = setup({ settings: { enabled: false } });
    const request = escalationRequest();
    expect(await service.escalate(request)).toMatchObject({
      status: 'refused',
      reason: 'integration_disabled',
    });
    expect(await service.status(request.escalationId)).toMatchObject({ state: 'refused' });
    expect(fake.state.calls).toEqual([]);
  });

  it('queues while disabled when settings say so, and delivers once enabled', async () => {
    const { fake, service, store } = setup({ settings: { enabled: false, whenDisabled: 'queue' } });
    const request = escalationRequest();
    expect(await service.escalate(request)).toMatchObject({
      status: 'queued',
      reason: 'integration_disabled',
    });
    expect(await service.drain()).toMatchObject({ attempted: 0 });
    await store.settings.save({ ...(await store.settings.get())!, enabled: true });
    expect(await service.drain()).toMatchObject({ delivered: 1 });
    expect(fake.state.conversations).toHaveLength(1);
  });

  it('answers queued at the deadline when Kustomer hangs, and the drain finishes it', async () => {
    const { fake, service, advance } = setup({ deadlineMs: 50 });
    let hang = true;
    const original = fake.client.conversations.create;
    fake.client.conversations.create = (input, options) =>
      hang ? new Promise(() => {}) : original(input, options);
    const request = escalationRequest();
    const started = performance.now();
    expect(await service.escalate(request)).toMatchObject({
      status: 'queued',
      reason: 'kustomer_slow',
    });
    expect(performance.now() - started).toBeLessThan(1000);
    hang = false;
    advance(5000);
    expect(await service.drain()).toMatchObject({ delivered: 1 });
    expect(fake.state.conversations).toHaveLength(1);
  });

  it('opens the breaker after repeated failures and then queues without calling Kustomer', async () => {
    const fake = createFakeKustomer();
    const store = createMemoryStore();
    const service = createEscalationService({
      client: fake.client,
      store,
      settings: createSettingsService({ store, client: fake.client }),
      breaker: { threshold: 2, halfOpenAfterMs: 60_000 },
    });
    fake.setFault(() => fake.outage());
    await service.escalate(escalationRequest());
    expect(service.breakerState()).toBe('open');
    const calls = fake.state.calls.length;
    expect(await service.escalate(escalationRequest())).toMatchObject({
      status: 'queued',
      reason: 'breaker_open',
    });
    expect(fake.state.calls.length).toBe(calls);
    expect(await service.drain()).toMatchObject({ attempted: 0 });
  });

  it('skips an escalation another instance holds, and resumes one left mid-way by a dead instance', async () => {
    const { fake, service, store, advance } = setup();
    fake.setFault((op) => (op.startsWith('POST') ? fake.outage() : null));
    const held = escalationRequest();
    await service.escalate(held);
    fake.setFault(() => null);
    // another instance is working on it
    expect(await store.leases.acquire(held.escalationId, 'other-instance', 120_000)).toBe(true);
    // and a dead instance left this one after resolving the customer
    const orphan = escalationRequest();
    await store.records.insert({
      ...newRecord(orphan, new Date(Date.now()).toISOString()),
    });
    await store.records.update(orphan.escalationId, {
      state: 'customer_resolved',
      customerId: 'gone-customer',
    });
    advance(1_000);
    expect(await service.drain()).toMatchObject({ leased: 1, attempted: 0 });
    advance(61_000);
    const report = await service.drain();
    expect(report).toMatchObject({ leased: 1, delivered: 1 });
    expect(await service.status(orphan.escalationId)).toMatchObject({ state: 'done' });
    expect(
      fake.state.conversations.filter((c) => c.externalId === orphan.escalationId),
    ).toHaveLength(1);
    expect(await service.retryNow('no-such-escalation')).toBeNull();
  });
});

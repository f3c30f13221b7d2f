/**
 * The record typed by stage: what the compiler refuses (checked by `npm run typecheck`, which
 * fails on an unused @ts-expect-error as much as on an error), the guards, and the attempts whose
 * course a guard decides, over real HTTP against the sandbox.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  answeredEscalated,
  conversationRouted,
  customerKnown,
  InconsistentRecordError,
  type Escalated,
  type RefusedRecord,
  type Routed,
  type WithCustomer,
} from '../../src/escalation/progress.js';
import type {
  EscalationPatch,
  EscalationRecord,
  RoutingDecision,
} from '../../src/escalation/record.js';
import { escalatedResult, newRecord } from '../../src/escalation/records.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { escalationRequest } from './helpers/requests.js';
import { makeRecord } from './stores/record-factory.js';

const ROUTING: RoutingDecision = {
  teamId: null,
  teamName: null,
  priority: 3,
  ruleId: null,
  explanation: 'defaults',
};
const ANSWER = {
  status: 'escalated',
  escalationId: 'e1',
  customerId: 'c1',
  conversationId: 'conv1',
  team: null,
  priority: 3,
  conversationUrl: null,
} as const;
const write = (patch: EscalationPatch) => patch;

describe('the patch type', () => {
  it('takes each state with the fields that record it', () => {
    expectTypeOf({
      state: 'customer_resolved',
      customerId: 'c1',
    } as const).toExtend<EscalationPatch>();
    expectTypeOf({
      state: 'conversation_created',
      conversationId: 'conv1',
      routing: ROUTING,
      result: ANSWER,
    } as const).toExtend<EscalationPatch>();
    expectTypeOf({ state: 'queued', nextAttemptAt: 'soon' } as const).toExtend<EscalationPatch>();
    expectTypeOf({ state: 'done' } as const).toExtend<EscalationPatch>();
    expectTypeOf({ noteCreated: true } as const).toExtend<EscalationPatch>();
  });

  it('refuses a state without what it needs, a field without its state, and going back', () => {
    // @ts-expect-error a conversation_created without its conversation
    write({ state: 'conversation_created', routing: ROUTING, result: ANSWER });
    // @ts-expect-error a conversation_created without the answer the chat hears
    write({ state: 'conversation_created', conversationId: 'conv1', routing: ROUTING });
    // @ts-expect-error a customer_resolved without its customer
    write({ state: 'customer_resolved' });
    // @ts-expect-error a conversation recorded without its state and routing
    write({ conversationId: 'conv1' });
    // @ts-expect-error a customer recorded with a later state
    write({ state: 'done', customerId: 'c1' });
    // @ts-expect-error a waiting record with no time to try again: never drained
    write({ state: 'queued' });
    // @ts-expect-error progress taken back
    write({ customerId: null });
    // @ts-expect-error the answer cleared
    write({ result: null });
    // @ts-expect-error received and refused are only inserted
    write({ state: 'refused' });
    expect(write({ state: 'done' })).toEqual({ state: 'done' });
  });
});

describe('the stages', () => {
  it('guarantee their fields to the compiler', () => {
    expectTypeOf<WithCustomer['customerId']>().toEqualTypeOf<string>();
    expectTypeOf<Routed['conversationId']>().toEqualTypeOf<string>();
    expectTypeOf<Routed['routing']>().toEqualTypeOf<RoutingDecision>();
    expectTypeOf<Escalated['result']['status']>().toEqualTypeOf<'escalated'>();
    expectTypeOf<RefusedRecord['customerId']>().toEqualTypeOf<null>();
    // The answer is made from a routed record only; a stored one may have no conversation.
    expectTypeOf(escalatedResult).parameter(0).toEqualTypeOf<Routed>();
    expectTypeOf<EscalationRecord>().not.toExtend<Routed>();
    expectTypeOf<EscalationRecord>().not.toExtend<WithCustomer>();
  });

  it('are read from the stored fields, falsy ones included as not reached', () => {
    expect(customerKnown(makeRecord('e1'))).toBeNull();
    expect(customerKnown(makeRecord('e1', { customerId: '' }))).toBeNull();
    const customer = customerKnown(makeRecord('e1', { customerId: 'c1' }));
    expect(customer?.customerId).toBe('c1');
    expect(conversationRouted(customer!)).toBeNull();
    const routed = conversationRouted({ ...customer!, conversationId: 'conv1', routing: ROUTING });
    expect(routed).toMatchObject({ conversationId: 'conv1', routing: ROUTING });
    expect(answeredEscalated(routed!)).toBeNull();
    expect(answeredEscalated({ ...routed!, result: ANSWER })?.result).toEqual(ANSWER);
  });

  it('refuse a conversation without the routing it was created with', () => {
    const customer = customerKnown(makeRecord('e1', { customerId: 'c1' }))!;
    expect(() => conversationRouted({ ...customer, conversationId: 'conv1' })).toThrow(
      InconsistentRecordError,
    );
  });
});

describe('an attempt goes where the stage says', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });
  const count = (h: Harness, route: string) => h.sandbox.state().requests.byRoute[route] ?? 0;
  const CREATE_CONVERSATION = 'POST /v1/customers/{id}/conversations';
  const LOOKUPS = ['GET /v1/customers/email={email}', 'POST /v1/customers'];
  const iso = (h: Harness) => new Date(h.now()).toISOString();

  it('with the customer known: no lookup, one conversation', async () => {
    const h = (harness = await createHarness());
    const request = escalationRequest();
    const { customer } = await h.client.customers.findOrCreate({ email: 'known@example.com' });
    const lookups = LOOKUPS.map((route) => count(h, route));
    expect(lookups.reduce((a, b) => a + b)).toBeGreaterThan(0);
    await h.store.records.insert({
      ...newRecord(request, iso(h)),
      state: 'queued',
      customerId: customer.id,
      nextAttemptAt: iso(h),
    });
    expect(await h.service.retryNow(request.escalationId)).toMatchObject({
      status: 'escalated',
      customerId: customer.id,
    });
    expect(LOOKUPS.map((route) => count(h, route))).toEqual(lookups);
    expect(count(h, CREATE_CONVERSATION)).toBe(1);
  });

  it('routed but answered `queued` by an older version: answered escalated, nothing created again', async () => {
    const h = (harness = await createHarness());
    const request = escalationRequest();
    const first = await h.service.escalate(request);
    await h.service.idle();
    if (first.status !== 'escalated') throw new Error(`not escalated: ${first.status}`);
    const queued = { status: 'queued', escalationId: request.escalationId } as const;
    await h.store.records.update(request.escalationId, {
      state: 'queued',
      nextAttemptAt: iso(h),
      result: { ...queued, reason: 'kustomer_slow', retryAt: iso(h) },
      noteCreated: false,
    });
    const conversations = count(h, CREATE_CONVERSATION);
    expect(conversations).toBe(1);
    const lookups = LOOKUPS.map((route) => count(h, route));
    const again = await h.service.retryNow(request.escalationId);
    expect(again).toEqual(first);
    expect(await h.store.records.get(request.escalationId)).toMatchObject({
      state: 'done',
      result: first,
    });
    expect(count(h, CREATE_CONVERSATION)).toBe(conversations);
    expect(LOOKUPS.map((route) => count(h, route))).toEqual(lookups);
    // The note was looked up (an earlier attempt may have written it), not made again.
    const notes = h.sandbox.state().notes.filter((n) => n.conversationId === first.conversationId);
    expect(notes).toHaveLength(1);
  });

  it('a conversation without its routing: the attempt fails and creates nothing', async () => {
    const h = (harness = await createHarness());
    const request = escalationRequest();
    await h.store.records.insert({
      ...newRecord(request, iso(h)),
      state: 'queued',
      customerId: 'c1',
      conversationId: 'conv-lost-routing',
      nextAttemptAt: iso(h),
    });
    expect(await h.service.retryNow(request.escalationId)).toMatchObject({
      status: 'queued',
      reason: 'internal_error',
    });
    expect((await h.store.records.get(request.escalationId))?.lastError?.message).toMatch(
      /inconsistent/,
    );
    expect(h.sandbox.state().requests.total).toBe(0);
  });
});

/**
 * The escalation against a sandbox answering as Kustomer documents: the note answer's
 * userMentions is a list, the message's customer relationship has type "customers", conversation
 * relationships are null, tags come back as ids, a duplicate customer is refused in words that
 * do not say why. Each of these once ended escalations dead after everything had landed; every
 * escalation must end done, each write once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.js';
import { escalationRequest, transcript } from './helpers/requests.js';

let h: Harness;
afterEach(() => h.close());

/** GET through the sandbox's own HTTP API, as Kustomer would answer it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw Kustomer JSON, read by path
async function kustomerGet(path: string): Promise<any> {
  const response = await fetch(`${h.sandbox.url}${path}`, {
    headers: { authorization: `Bearer ${h.sandbox.apiKey}` },
  });
  return response.json();
}

describe("escalations against Kustomer's shapes", () => {
  it('end done, once, and what landed is answered in those shapes', async () => {
    h = await createHarness();
    const request = escalationRequest({ transcript: transcript(3), tags: ['vip'] });
    expect(await h.service.escalate(request)).toMatchObject({ status: 'escalated' });
    await h.service.idle(); // the note and transcript follow the answer
    expect(await h.store.records.countByState()).toEqual({ done: 1 });

    const [conversation] = h.sandbox.state().conversations;
    const notes = await kustomerGet(`/v1/conversations/${conversation!.id}/notes`);
    expect(notes.data).toHaveLength(1);
    expect(Array.isArray(notes.data[0].relationships.userMentions.data)).toBe(true);
    const messages = await kustomerGet(`/v1/conversations/${conversation!.id}/messages`);
    expect(messages.data).toHaveLength(3);
    expect(messages.data[0].relationships.customer.data.type).toBe('customers');
    const answered = await kustomerGet(`/v1/conversations/${conversation!.id}`);
    expect(answered.data.relationships).toMatchObject({ deletedBy: null, lockedBy: null });
    expect(answered.data.attributes.tags).not.toContain('vip');
  });

  it('end done when two escalations race to create the same customer (a 400 that does not say why)', async () => {
    h = await createHarness({ sandbox: { duplicateStatus: 400 } });
    h.sandbox.setFaults({ latencyMs: 30 });
    const customer = { email: 'race-shapes@example.com' };
    const results = await Promise.all([
      h.service.escalate(escalationRequest({ customer })),
      h.service.escalate(escalationRequest({ customer })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['escalated', 'escalated']);
    await h.service.idle();
    expect(await h.store.records.countByState()).toEqual({ done: 2 });
    expect(h.sandbox.state().customers).toHaveLength(1);
    // Both created; the loser was refused, looked up again and took the winner's customer.
    expect(h.sandbox.state().requests.byRoute['POST /v1/customers']).toBe(2);
  });
});

/**
 * The Integrations status follows live deliveries: a failed connection test shows Disconnected
 * only until Kustomer answers a call again, and escalations are counted by outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationBody, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const status = async () =>
  (await h.call('/api/integrations/kustomer', { admin: true })).json() as Promise<{
    status: string;
    connection: { ok: boolean; checkedAt: string } | null;
    deliveries: { delivered: number; waiting: number; gaveUp: number; refused: number };
    metrics: { lastSuccessAt: string | null; lastErrorAt: string | null };
  }>;

describe('status from live deliveries', () => {
  it('shows Disconnected after a failed test, then clears once an escalation is delivered', async () => {
    h.sandbox.setFaults({ errorRates: { '401': 1 }, match: '^GET /v1/auth' });
    const tested = await h.call('/api/integrations/kustomer/test', { method: 'POST', admin: true });
    expect((await tested.json()).ok).toBe(false);
    const after = await status();
    expect(after.status).toBe('disconnected');
    expect(after.connection?.checkedAt).toEqual(expect.any(String));
    // Asking again changes nothing: only a call that Kustomer answers clears it.
    expect((await status()).status).toBe('disconnected');

    h.sandbox.setFaults({});
    const sent = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('status-1'),
    });
    expect(sent.status).toBe(201);
    await h.services.escalations.idle(); // delivered once its transcript and note are there
    const recovered = await status();
    expect(recovered.status).toBe('connected');
    expect(Date.parse(recovered.metrics.lastSuccessAt!)).toBeGreaterThan(
      Date.parse(recovered.connection!.checkedAt),
    );
    expect(recovered.deliveries).toMatchObject({ delivered: 1, waiting: 0, gaveUp: 0 });
  });

  it('counts each escalation once by its outcome, however many calls it took', async () => {
    const before = (await status()).deliveries;
    h.sandbox.setFaults({ errorRates: { '503': 1 }, match: '^POST /v1/customers$' });
    const queued = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('status-2'),
    });
    expect(queued.status).toBe(202);
    h.sandbox.setFaults({});
    const middle = (await status()).deliveries;
    expect(middle.waiting).toBe(before.waiting + 1);
    await h.services.escalations.retryNow('status-2');
    const end = (await status()).deliveries;
    expect(end).toMatchObject({ delivered: before.delivered + 1, waiting: before.waiting });
  });
});

describe('GET /api/handoff', () => {
  it('tells the chat, without the admin token, whether hand-off is on, kept for email, or off', async () => {
    const handoff = async () => (await (await h.call('/api/handoff')).json()).handoff;
    expect(await handoff()).toBe('on');
    await h.services.settings.update({ enabled: false, whenDisabled: 'queue' });
    expect(await handoff()).toBe('email_follow_up');
    await h.services.settings.update({ whenDisabled: 'refuse' });
    expect(await handoff()).toBe('off');
    const refused = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('handoff-off'),
    });
    // One sentence that offers what is left, not two saying the same thing.
    expect((await refused.json()).message).toBe(
      "Talking to a person is switched off right now, so I'll keep helping you here.",
    );
    await h.services.settings.update({ enabled: true });
  });
});

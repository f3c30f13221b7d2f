/**
 * A spent rate budget is not an outage: a burst far over the org's budget is answered
 * `queued`/`rate_limited` (nothing refused), and the breaker stays closed, so /api/ready and the
 * Integrations page keep saying Kustomer is healthy and the drain is not held back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationBody, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // A few escalations' worth of requests a minute: the burst below spends it at once.
    KUSTOMER_RATE_LIMIT_PER_MIN: '12',
    ESCALATION_RATE_LIMIT_PER_IP: '1000',
  });
});
afterAll(() => h.close());

describe('a burst over the rate budget', () => {
  it('queues as rate_limited with the breaker closed', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `budget-${i}`);
    const answers = await Promise.all(
      ids.map(async (id) => {
        const response = await h.call('/api/escalations', {
          method: 'POST',
          json: escalationBody(id),
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    const queued = answers.filter((a) => a.status === 202);
    expect(queued.length).toBeGreaterThan(0);
    for (const { body } of queued) expect(body.reason).toBe('rate_limited');
    expect(answers.every((a) => a.status === 201 || a.status === 202)).toBe(true);
    expect(h.services.escalations.breakerState()).toBe('closed');
    const health = await (await h.call('/api/ready')).json();
    expect(health.checks.breaker).toBe('closed');
  });
});

/**
 * With canary values for the API key, webhook secret, admin token and cron secret, drive every
 * endpoint (including failures) and check that none of them appears in any response body,
 * header or log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import {
  ADMIN_TOKEN,
  CRON_SECRET,
  escalationBody,
  startHarness,
  WEBHOOK_SECRET,
  type Harness,
} from './harness.js';

const CANARY_KEY = 'CANARY-kustomer-key-7f3a9c1e5b2d4f60';
let h: Harness;
const seen: string[] = [];

beforeAll(async () => {
  h = await startHarness({ KUSTOMER_DEBUG: 'true' }, [
    { key: CANARY_KEY, name: 'canary', roles: ALL_MODULE_ROLES },
  ]);
});
afterAll(() => h.close());

async function record(path: string, init?: Parameters<Harness['call']>[1]) {
  const response = await h.call(path, init);
  seen.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
}

describe('secrets stay on the server', () => {
  it('appear in no response and no log line, across successes and failures', async () => {
    await record('/api/escalations', { method: 'POST', json: escalationBody('c-1') });
    await record('/api/escalations/c-1?sessionId=chat-c-1');
    await record('/api/escalations/c-1');
    await record('/api/integrations/kustomer', { admin: true });
    await record('/api/integrations/kustomer/test', { method: 'POST', admin: true });
    await record('/api/integrations/kustomer/teams', { admin: true });
    await record('/api/integrations/kustomer/customers?email=c-1%40example.com', { admin: true });
    await record('/api/integrations/kustomer/settings', {
      method: 'PUT',
      admin: true,
      json: { debug: true },
    });
    await record('/api/integrations/kustomer/settings', { method: 'PUT', json: { debug: true } });
    await record('/api/integrations/kustomer/test-escalation', {
      method: 'POST',
      admin: true,
      json: {},
    });
    await record('/api/webhooks/kustomer', {
      method: 'POST',
      headers: { 'x-kustomer-webhook-signature': 'nope', 'content-type': 'application/json' },
      body: '{}',
    });
    await record('/api/cron/drain-outbox', { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    await record('/api/ready');
    // Failures from Kustomer: an outage and a rejected key.
    h.sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    await record('/api/escalations', { method: 'POST', json: escalationBody('c-2') });
    await record('/api/integrations/kustomer/teams', { admin: true });
    h.sandbox.clearFaults();
    await record('/api/integrations/kustomer/outbox/c-2/retry', { method: 'POST', admin: true });
    const everything = [...seen, ...h.logs].join('\n');
    expect(h.logs.length).toBeGreaterThan(10);
    for (const secret of [CANARY_KEY, WEBHOOK_SECRET, ADMIN_TOKEN, CRON_SECRET])
      expect(everything).not.toContain(secret);
    // The sweep did reach the endpoints: the last 4 characters of the key are shown, on purpose.
    expect(everything).toContain('"last4":"4f60"');
  });
});

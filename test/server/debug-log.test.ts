/**
 * The Integrations page's debug switch: saved through the settings endpoint, it turns on the
 * redacted log line for every Kustomer call at once, without a restart or KUSTOMER_DEBUG.
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

const CANARY_KEY = 'CANARY-debug-switch-key-3b9d1f7e2a';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({}, [{ key: CANARY_KEY, name: 'canary', roles: ALL_MODULE_ROLES }]);
});
afterAll(() => h.close());

async function saveDebug(debug: boolean): Promise<void> {
  const response = await h.call('/api/integrations/kustomer/settings', {
    method: 'PUT',
    admin: true,
    json: { debug },
  });
  expect(response.status).toBe(200);
  expect((await response.json()).debug).toBe(debug);
}

/** Escalates once and answers the log lines written meanwhile, parsed. */
async function escalateAndCollect(id: string, summary: string) {
  const from = h.logs.length;
  const response = await h.call('/api/escalations', {
    method: 'POST',
    json: escalationBody(id, { summary }),
  });
  expect(response.status).toBe(201);
  await h.services.escalations.idle(); // the note and transcript follow the answer
  return h.logs.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
}

const calls = (lines: Record<string, unknown>[]) =>
  lines.filter((line) => line.message === 'kustomer call');

describe('debug switch from the Integrations settings', () => {
  it('logs no Kustomer call while debug is off', async () => {
    await saveDebug(false);
    const lines = await escalateAndCollect('dbg-off', 'Customer disputes invoice 1234');
    expect(lines.some((line) => line.message === 'request')).toBe(true);
    expect(calls(lines)).toEqual([]);
  });

  it('logs every Kustomer call, redacted, once debug is saved on', async () => {
    await saveDebug(true);
    // The key itself in the summary: the note body carries it, and the log line must not.
    const lines = await escalateAndCollect('dbg-on', `Customer pasted ${CANARY_KEY} by mistake`);
    const logged = calls(lines);
    expect(logged.length).toBeGreaterThanOrEqual(4);
    for (const line of logged) expect(line.level).toBe('debug');
    expect(logged.map((line) => `${line.method} ${line.route}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^POST \/v1\/customers/)]),
    );
    const note = logged.find((line) => JSON.stringify(line.body ?? '').includes('pasted'));
    expect(JSON.stringify(note?.body)).toContain('Customer pasted [redacted] by mistake');
    const everything = h.logs.join('\n');
    for (const secret of [CANARY_KEY, ADMIN_TOKEN, CRON_SECRET, WEBHOOK_SECRET])
      expect(everything).not.toContain(secret);
  });

  it('stops logging calls as soon as debug is saved off again', async () => {
    await saveDebug(false);
    expect(calls(await escalateAndCollect('dbg-off-again', 'Wrong invoice'))).toEqual([]);
  });
});

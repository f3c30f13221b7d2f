/**
 * What looking Kustomer up before creating costs, measured against the sandbox: a first attempt
 * creates straight away; a resumed one (after a timeout, a reset, a crash: or, were it done for
 * every new escalation, whenever the store cannot prove it never saw the id) looks each resource
 * up by externalId first. The admin guide's decision to look up only on resumed attempts rests on
 * this figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecord } from '../../src/escalation/records.js';
import { escalationRequestSchema } from '../../src/shared/escalation.js';
import { escalationBody, startHarness, type Harness } from './harness.js';

let h: Harness;
let offsetMs = 0;
beforeAll(async () => {
  h = await startHarness({}, undefined, { clock: () => Date.now() + offsetMs });
});
afterAll(() => h.close());

const requests = () => h.sandbox.state().requests.total;

describe('lookup before create', () => {
  it('costs requests on a resumed attempt that a first attempt does not spend', async () => {
    let before = requests();
    const fresh = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('first-try'),
    });
    expect(fresh.status).toBe(201);
    const firstAttempt = requests() - before;

    // The same escalation left by a crashed instance right after it was stored: the drain
    // resumes it, looking before it creates.
    const request = escalationRequestSchema.parse(escalationBody('resumed'));
    await h.services.store.records.insert(
      newRecord(request, new Date(Date.now() + offsetMs).toISOString()),
    );
    offsetMs += 5 * 60_000;
    before = requests();
    await h.services.escalations.drain();
    const resumed = requests() - before;
    expect((await h.services.store.records.get('resumed'))?.state).toBe('done');

    console.log(
      `lookup before create: first attempt ${firstAttempt} requests, resumed ${resumed} (+${resumed - firstAttempt})`,
    );
    expect(resumed).toBeGreaterThan(firstAttempt);
  });
});

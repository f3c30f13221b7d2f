/**
 * `npm run doctor` on Kustomer's Queues and Routing and SLAs, against the sandbox over HTTP: the
 * routing roles are failed only when routing names a queue, and an SLA policy that would count
 * the bot transcript as the first response is warned about by name (skipped, never passed, when
 * the key cannot read SLAs).
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/escalation/settings.js';
import { keyWithout, SUPPORT_TEAM, useDoctorFixture } from './support/doctor-fixture.js';

const { good, withFileStore, doctor, sandbox } = useDoctorFixture();

describe('routing to Kustomer queues', () => {
  it('asks for the routing roles only when a rule or the defaults name a queue', async () => {
    const key = keyWithout('org.permission.routing.create');
    const without = await doctor({ ...good(), KUSTOMER_API_KEY: key });
    expect(without.row('permission.routing.create')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('not needed'),
    });
    const queue = sandbox().state().queues[1]!.id;
    const settings = { ...defaultSettings({ defaultTeamId: SUPPORT_TEAM }), defaultQueueId: queue };
    const env = { ...(await withFileStore({ settings })), KUSTOMER_API_KEY: key };
    const { row } = await doctor(env);
    expect(row('permission.routing.create')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('missing org.permission.routing.create'),
    });
    expect(row('permission.queue.read').status).toBe('pass');
  });
});

describe('SLA policies and the bot transcript', () => {
  it('passes when every policy bases its first response on human interaction', async () => {
    const { row } = await doctor(good());
    expect(row('kustomer.sla-first-response').status).toBe('pass');
  });

  it('warns by name about a policy the transcript would satisfy, without failing the run', async () => {
    const [chat] = sandbox().state().slas;
    sandbox().routing.setSlaFooled(chat!.id, true);
    try {
      const result = await doctor(good());
      expect(result.row('kustomer.sla-first-response')).toMatchObject({
        status: 'warn',
        detail: expect.stringContaining('"Chat Policy"'),
        fix: expect.stringContaining('Based on human interaction'),
      });
      expect(result.code).toBe(0);
    } finally {
      sandbox().routing.setSlaFooled(chat!.id, false);
    }
  });

  it('skips the check, never passes it, when the key cannot read SLAs', async () => {
    const { row } = await doctor({
      ...good(),
      KUSTOMER_API_KEY: keyWithout('org.permission.sla.read'),
    });
    expect(row('kustomer.sla-first-response')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining('org.permission.sla.read'),
    });
  });
});

/**
 * `npm run doctor` and the durable store: memory in production, file on Vercel, Redis that does
 * not answer (a real redis-server otherwise), and file stores seeded with stuck and dead escalations.
 */
import { describe, expect, it } from 'vitest';
import { NOW, useDoctorFixture } from './support/doctor-fixture.js';
import { outboxRecord } from './support/records.js';
import { closedPort } from './support/region-server.js';

const { good, withFileStore, doctor } = useDoctorFixture();

describe('store and outbox', () => {
  it('fails the memory store in production and the file store on Vercel', async () => {
    const memory = await doctor({ ...good(), STORE: 'memory', REDIS_URL: undefined });
    expect(memory.row('store.durable').status).toBe('fail');
    const file = await doctor({ ...good(), STORE: 'file', REDIS_URL: undefined });
    expect(file.row('store.durable')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('on Vercel'),
    });
    expect(file.row('config').detail).toMatch(/^STORE=file does not survive on Vercel/);
  });

  it('fails a Redis store that does not answer', async () => {
    const { row } = await doctor({
      ...good(),
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    expect(row('store.reachable')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^REDIS_URL: connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
    });
    expect(row('outbox.dead').status).toBe('skip');
  });

  it('fails an outbox whose oldest escalation has waited past 15 minutes, and warns while it is fresh', async () => {
    const stuck = await withFileStore({
      records: [outboxRecord('stuck-1', 'queued', new Date(NOW - 60 * 60_000).toISOString())],
    });
    expect((await doctor(stuck)).row('outbox.draining')).toMatchObject({
      status: 'fail',
      detail: '1 waiting, the oldest for 60 min: nothing is draining',
    });
    const fresh = await withFileStore({
      records: [outboxRecord('fresh-1', 'retrying', new Date(NOW - 2 * 60_000).toISOString())],
    });
    expect((await doctor(fresh)).row('outbox.draining').status).toBe('warn');
  });

  it('fails when dead escalations are in the store', async () => {
    const env = await withFileStore({
      records: [
        outboxRecord('dead-1', 'dead', new Date(NOW).toISOString()),
        outboxRecord('dead-2', 'dead', new Date(NOW).toISOString()),
      ],
    });
    const { row, code } = await doctor(env);
    expect(row('outbox.dead')).toMatchObject({
      status: 'fail',
      detail: '2 escalations gave up and never reached Kustomer',
    });
    expect(code).toBe(1);
  });

  it('warns when finished escalations are kept forever, and passes the default 30 days', async () => {
    expect((await doctor(good())).row('store.retention')).toMatchObject({
      status: 'pass',
      detail: 'deleted 30 days after they finish',
    });
    const forever = await doctor({ ...good(), ESCALATION_RETENTION_DAYS: '0' });
    expect(forever.row('store.retention')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('ESCALATION_RETENTION_DAYS=30'),
    });
  });
});

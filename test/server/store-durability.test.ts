/**
 * The durability promise against a real redis-server killed with SIGKILL, with and without the
 * append-only file: what the doctor says about each before the crash, and what a crash then does
 * to escalations already answered (20 delivered, 20 queued while Kustomer was down).
 *
 * - lost: a queued escalation (the chat was told "202 queued") that never reaches Kustomer;
 * - duplicated: a second Kustomer conversation for one escalation id, created when the chat
 *   retries an escalation the store has forgotten delivering.
 *
 * With AOF (appendfsync everysec) nothing may be lost or duplicated. Without it the doctor must
 * fail the store: the figures printed show why.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeStore } from '../../src/cli/doctor/probe-store.js';
import { storePersistenceCheck } from '../../src/cli/doctor/checks/store-durability.js';
import type { DoctorFacts } from '../../src/cli/doctor/types.js';
import { IN_PROGRESS_STATES } from '../../src/escalation/records.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { createApp } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';
import { createServices, type Services } from '../../src/server/services.js';
import { startRedis, type RedisHandle } from '../support/redis.js';
import { startTestSandbox } from '../support/sandbox.js';
import { ADMIN_TOKEN, escalationBody, LIVE_KEY } from './harness.js';

const N = 20;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [{ key: LIVE_KEY, name: 'tests', roles: ALL_MODULE_ROLES }],
  });
});
afterAll(() => sandbox.close());

function rawEnv(redisUrl: string): Record<string, string> {
  return {
    KUSTOMER_API_KEY: LIVE_KEY,
    KUSTOMER_API_BASE_URL: sandbox.url,
    ADMIN_TOKEN,
    STORE: 'redis',
    REDIS_URL: redisUrl,
    ESCALATION_RATE_LIMIT_PER_IP: '100000',
  };
}

const envFor = (redisUrl: string) => loadServerEnv(rawEnv(redisUrl));

async function doctorSays(redisUrl: string) {
  const store = await probeStore(envFor(redisUrl), rawEnv(redisUrl));
  const row = storePersistenceCheck({ store } as DoctorFacts);
  return Array.isArray(row) ? row[0]! : row;
}

async function post(services: Services, id: string): Promise<number> {
  const response = await createApp(services)(
    new Request('http://localhost/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(escalationBody(id)),
    }),
  );
  return response.status;
}

const conversationsFor = (id: string) =>
  sandbox.state().conversations.filter((c) => c.externalId === id).length;

async function crashScenario(persistence: 'aof' | 'none') {
  sandbox.reset();
  let redis: RedisHandle = await startRedis({ persistence });
  const { dir, port } = redis;
  const doctor = await doctorSays(redis.url);
  let durability = '';
  const tag = `${persistence}-${Date.now()}`;
  const delivered = Array.from({ length: N }, (_, i) => `${tag}-delivered-${i}`);
  const queued = Array.from({ length: N }, (_, i) => `${tag}-queued-${i}`);
  let services = await createServices(envFor(redis.url), {
    logWrite: () => {},
    escalateDeadlineMs: 3000,
  });
  try {
    const ready = await createApp(services)(new Request('http://localhost/api/ready'));
    durability = (await ready.json()).checks.durability;
    const first = await Promise.all(delivered.map((id) => post(services, id)));
    expect(first.every((status) => status === 201)).toBe(true);
    sandbox.setFaults({ outageUntil: Date.now() + 60 * 60_000 });
    const second = await Promise.all(queued.map((id) => post(services, id)));
    expect(second.every((status) => status === 202)).toBe(true);
    // Redis crashes while the app is idle: attempts still working past the chat's deadline
    // have stored their outcome (an app crash mid-attempt is the drain's orphan case).
    await expect
      .poll(
        async () => (await services.store.records.list({ states: IN_PROGRESS_STATES })).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(0);
  } finally {
    await services.close();
  }
  await redis.kill();
  redis = await startRedis({ persistence, dir, port });
  sandbox.clearFaults();
  // Two hours on: every queued escalation's retry time has come.
  services = await createServices(envFor(redis.url), {
    logWrite: () => {},
    escalateDeadlineMs: 3000,
    clock: () => Date.now() + 2 * 60 * 60_000,
  });
  try {
    // The chat retries what it was told was delivered (a reload, a double click).
    await Promise.all(delivered.map((id) => post(services, id)));
    // The operator drains: what the store still holds goes to Kustomer.
    // The drainer, later: what the store still holds goes to Kustomer.
    await services.escalations.drain();
  } finally {
    await services.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const lost = queued.filter((id) => conversationsFor(id) === 0).length;
  const duplicated = [...delivered, ...queued]
    .map((id) => Math.max(0, conversationsFor(id) - 1))
    .reduce((a, b) => a + b, 0);
  console.log(
    `durability (${persistence}): doctor ${doctor.status} (${doctor.detail}), /api/ready ` +
      `${durability}; after kill -9: ` +
      `${lost}/${N} queued lost, ${duplicated} duplicated of ${2 * N}`,
  );
  return { doctor, durability, lost, duplicated };
}

describe('a Redis killed with SIGKILL', () => {
  it('with the append-only file: doctor passes, ready says durable, nothing lost or duplicated', async () => {
    const { doctor, durability, lost, duplicated } = await crashScenario('aof');
    expect(doctor.status).toBe('pass');
    expect(durability).toBe('durable');
    expect(doctor.detail).toMatch(/appendonly yes, appendfsync everysec/);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 120_000);

  it('without it: doctor fails the store, ready says volatile, and the crash shows why', async () => {
    const { doctor, durability, lost, duplicated } = await crashScenario('none');
    expect(doctor.status).toBe('fail');
    expect(durability).toBe('volatile');
    expect(doctor.fix).toMatch(/appendonly yes/);
    // What the doctor warns of: the queued escalations are gone, the delivered ones go twice.
    expect(lost).toBe(N);
    expect(duplicated).toBe(N);
  }, 120_000);
});

/**
 * The sandbox's business schedule, holidays, work sessions and queue metrics over HTTP, in
 * Kustomer's shapes, and the inspector's switches (/__sandbox/availability) that change them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_QUEUE_ID } from '../../src/sandbox/availability-data.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { api } from './support/http.js';

// Monday 2026-01-05, 10:00 in New York.
const NOW = Date.UTC(2026, 0, 5, 15, 0, 0);
const NO_ROUTING_KEY = 'key-without-routing-roles-0123456789';
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    now: () => NOW,
    keys: [
      { key: 'every-role-key-0123456789abcdef', name: 'all', roles: ALL_MODULE_ROLES },
      { key: NO_ROUTING_KEY, name: 'no routing', roles: ['org.permission.schedule.read'] },
    ],
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading Kustomer-shaped JSON by path
type Json = Record<string, any>;
const get = async (path: string, key?: string) =>
  api<Json>(sandbox, 'GET', path, key ? { key } : {});
const admin = (body: unknown) =>
  api<Json>(sandbox, 'PUT', '/__sandbox/availability', { key: null, body });

describe('the sandbox business schedule', () => {
  it('is open around the clock by default, with no holiday', async () => {
    const { status, body } = await get('/v1/schedules/default?include=holidays');
    expect(status).toBe(200);
    expect(body.data.attributes).toMatchObject({ timezone: 'America/New_York', default: true });
    expect(body.data.attributes.hours['0']).toEqual([[0, 1440]]);
    expect(body.included).toEqual([]);
  });

  it("closed: Kustomer's example hours and a holiday over the whole of today in New York", async () => {
    expect((await admin({ businessClosed: true })).body).toMatchObject({ businessClosed: true });
    const { body } = await get('/v1/schedules/default?include=holidays');
    expect(body.data.attributes.hours).toMatchObject({ 0: null, 1: [[480, 1020]], 6: null });
    expect(body.included).toHaveLength(1);
    expect(body.included[0]).toMatchObject({
      type: 'holiday',
      attributes: {
        startDate: '2026-01-05T05:00:00.000Z',
        endDate: '2026-01-06T04:59:59.000Z',
        enabled: true,
      },
    });
    const byId = await get(`/v1/schedules/${body.data.id as string}`);
    expect(byId.body.data.id).toBe(body.data.id);
    expect(byId.body.included).toBeUndefined();
    expect((await get('/v1/schedules/5f00000000000000000000aa')).status).toBe(404);
  });
});

describe('the sandbox agents and queue', () => {
  it('has one available agent per team serving the queue, and a wait for it', async () => {
    const sessions = await get('/v1/routing/work-sessions?active=true&statusType=available');
    expect(sessions.body.data).toHaveLength(sandbox.state().teams.length);
    expect(sessions.body.data[0]).toMatchObject({
      type: 'work_session',
      attributes: { statusType: 'available', routable: true },
      relationships: { queues: { data: [{ type: 'queue', id: SANDBOX_QUEUE_ID }] } },
    });
    const metrics = await get(`/v1/chat/queues/metrics/${SANDBOX_QUEUE_ID}`);
    expect(metrics.body.data).toEqual([
      expect.objectContaining({
        type: 'session_queue',
        id: SANDBOX_QUEUE_ID,
        attributes: { name: 'Chat Queue', latestWaitTimeSeconds: 240 },
      }),
    ]);
  });

  it('takes every agent offline: no available session, and no wait (null, as Kustomer says)', async () => {
    await admin({ agentsOnline: false });
    expect((await get('/v1/routing/work-sessions?statusType=available')).body.data).toEqual([]);
    const metrics = await get(`/v1/chat/queues/metrics/${SANDBOX_QUEUE_ID}`);
    expect(metrics.body.data[0].attributes.latestWaitTimeSeconds).toBeNull();
  });

  it('refuses a key without a routing role, as Kustomer does', async () => {
    expect((await get('/v1/routing/work-sessions', NO_ROUTING_KEY)).status).toBe(403);
    expect((await get('/v1/schedules/default', NO_ROUTING_KEY)).status).toBe(200);
  });
});

describe('the switches', () => {
  it('refuses a value of the wrong type, naming it, and changes nothing', async () => {
    const refused = await admin({ agentsOnline: 'no' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('agentsOnline');
    expect((await admin({ waitSeconds: -1 })).status).toBe(400);
    expect(sandbox.state().availability).toEqual({
      businessClosed: false,
      agentsOnline: true,
      waitSeconds: 240,
    });
  });

  it('are back to open with agents online after a reset', async () => {
    await admin({ businessClosed: true, agentsOnline: false, waitSeconds: 60 });
    sandbox.reset();
    expect(sandbox.state().availability).toEqual({
      businessClosed: false,
      agentsOnline: true,
      waitSeconds: 240,
    });
  });
});

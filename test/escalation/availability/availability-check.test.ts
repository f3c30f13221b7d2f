/**
 * The availability check over real HTTP against the sandbox: open with the wait Kustomer reports,
 * nobody available, closed with the next opening, and `unknown` (never an error, within its
 * budget) when Kustomer is down or the key may not read schedules; Kustomer's answers reused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAvailabilityCheck } from '../../../src/escalation/availability/availability-check.js';
import { createKustomerClient } from '../../../src/kustomer/client.js';
import { DEFAULT_TEAMS } from '../../../src/sandbox/data.js';
import { ALL_MODULE_ROLES } from '../../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';
import type { AvailabilitySettings } from '../../../src/shared/availability.js';
import { startTestSandbox } from '../../support/sandbox.js';

const NO_SCHEDULE_KEY = 'key-without-schedule-role-0123456789';
const SETTINGS: AvailabilitySettings = { scheduleId: null, outOfHours: 'email' };
const ANY = { teamId: null, queueId: null };
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [
      { key: 'key-with-every-role-0123456789', name: 'all', roles: ALL_MODULE_ROLES },
      {
        key: NO_SCHEDULE_KEY,
        name: 'no schedules',
        roles: ALL_MODULE_ROLES.filter((r) => r !== 'org.permission.schedule.read'),
      },
    ],
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function checker(options: { apiKey?: string; budgetMs?: number; now?: () => number } = {}) {
  const client = createKustomerClient({
    baseURL: sandbox.url,
    apiKey: options.apiKey ?? sandbox.apiKey,
    maxRetries: 0,
  });
  return createAvailabilityCheck({
    client,
    ...(options.now ? { clock: options.now } : {}),
    ...(options.budgetMs ? { budgetMs: options.budgetMs } : {}),
  });
}

const requestsTo = (route: string) => sandbox.state().requests.byRoute[route] ?? 0;

describe('availability from the sandbox', () => {
  it('is open with the latest wait of the queues the available agents serve, in whole minutes', async () => {
    sandbox.setAvailability({ waitSeconds: 190 });
    expect(await checker().check(ANY, SETTINGS)).toEqual({
      open: true,
      reason: 'open',
      nextOpenAt: null,
      expectedWaitMinutes: 4,
      timeZone: 'America/New_York',
    });
  });

  it('says nobody is available when every agent is offline, without a wait', async () => {
    sandbox.setAvailability({ agentsOnline: false });
    expect(await checker().check(ANY, SETTINGS)).toMatchObject({
      open: true,
      reason: 'no_agents',
      expectedWaitMinutes: null,
    });
  });

  it('counts only the agents of the routed team', async () => {
    const team = sandbox.state().teams[1]!;
    expect(DEFAULT_TEAMS).toContain(team.name);
    const result = await checker().check({ teamId: team.id, queueId: null }, SETTINGS);
    expect(result.reason).toBe('open');
    const unknownTeam = await checker().check(
      { teamId: '5f00000000000000000000ff', queueId: null },
      SETTINGS,
    );
    expect(unknownTeam.reason).toBe('no_agents');
  });

  it('is closed on the holiday with the next opening at 8:00 New York on a weekday', async () => {
    sandbox.setAvailability({ businessClosed: true });
    const result = await checker().check(ANY, SETTINGS);
    expect(result).toMatchObject({ open: false, reason: 'holiday', expectedWaitMinutes: null });
    const opening = new Date(result.nextOpenAt!);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(opening);
    expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 08:00$/);
    expect(opening.getTime()).toBeGreaterThan(Date.now());
  });

  it('answers unknown, not an error, when Kustomer is down', async () => {
    sandbox.setFaults({ outageUntil: Date.now() + 60_000 });
    expect(await checker().check(ANY, SETTINGS)).toMatchObject({ open: true, reason: 'unknown' });
  });

  it('answers unknown within its budget when Kustomer is slow', async () => {
    sandbox.setFaults({ latencyMs: 2_000 });
    // The sandbox would say `open` after 2 s: `unknown` means the budget decided.
    const result = await checker({ budgetMs: 200 }).check(ANY, SETTINGS);
    expect(result.reason).toBe('unknown');
  });

  it('answers unknown when the key may not read schedules (the role is optional)', async () => {
    expect(await checker({ apiKey: NO_SCHEDULE_KEY }).check(ANY, SETTINGS)).toMatchObject({
      reason: 'unknown',
    });
  });

  it('asks Kustomer once for a burst of checks', async () => {
    const check = checker();
    await Promise.all([1, 2, 3, 4, 5].map(() => check.check(ANY, SETTINGS)));
    await check.check(ANY, SETTINGS);
    expect(requestsTo('GET /v1/schedules/default')).toBe(1);
    expect(requestsTo('GET /v1/routing/work-sessions')).toBe(1);
    expect(requestsTo('GET /v1/chat/queues/metrics/{ids}')).toBe(1);
  });

  it('asks again once told to forget (the sandbox inspector changed something)', async () => {
    const check = checker();
    expect((await check.check(ANY, SETTINGS)).reason).toBe('open');
    sandbox.setAvailability({ agentsOnline: false });
    expect((await check.check(ANY, SETTINGS)).reason).toBe('open');
    check.forget();
    expect((await check.check(ANY, SETTINGS)).reason).toBe('no_agents');
  });
});

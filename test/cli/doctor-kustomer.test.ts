/**
 * `npm run doctor` against the sandbox over HTTP: an unreachable host, a wrong-region host, a
 * rejected key, keys missing one role each or holding an admin role, saved settings naming teams
 * that do not exist, and the rate-limit headroom for the expected volume.
 */
import { describe, expect, it } from 'vitest';
import { REQUIRED_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import { defaultSettings } from '../../src/escalation/settings.js';
import { ADMIN_KEY, keyWithout, SUPPORT_TEAM, useDoctorFixture } from './support/doctor-fixture.js';
import { closedPort, startWrongRegionHost } from './support/region-server.js';

const { good, withFileStore, doctor } = useDoctorFixture();

describe('the Kustomer connection', () => {
  it('fails when the host cannot be reached, and skips what depends on it', async () => {
    const env = {
      ...good(),
      KUSTOMER_API_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      KUSTOMER_TIMEOUT_MS: '2000',
    };
    const { row } = await doctor(env);
    expect(row('kustomer.reachable').status).toBe('fail');
    expect(row('kustomer.key').status).toBe('skip');
    expect(row('permission.note.create').status).toBe('skip');
  });

  it('fails a key from another region and names the region to set', async () => {
    const host = await startWrongRegionHost('prod4');
    try {
      const { row } = await doctor({ ...good(), KUSTOMER_API_BASE_URL: host.url });
      expect(row('kustomer.region')).toMatchObject({
        status: 'fail',
        fix: expect.stringContaining('KUSTOMER_REGION=in'),
      });
      expect(row('kustomer.reachable').status).toBe('pass');
      expect(row('kustomer.key').status).toBe('skip');
    } finally {
      await host.close();
    }
  });

  it('fails a key Kustomer does not accept', async () => {
    const { row } = await doctor({ ...good(), KUSTOMER_API_KEY: 'CANARY-revoked-key-00000000000' });
    expect(row('kustomer.key')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('401'),
    });
  });

  it.each(REQUIRED_MODULE_ROLES)('fails only the capability of a key without %s', async (role) => {
    const capability = role.replace('org.permission.', '');
    const { row, report } = await doctor({ ...good(), KUSTOMER_API_KEY: keyWithout(role) });
    expect(row(`permission.${capability}`)).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`missing ${role}`),
    });
    const otherFails = report.checks.filter(
      (c) => c.status === 'fail' && c.id !== `permission.${capability}`,
    );
    // Without team.read the teams cannot be listed, so the team checks are skipped, not failed.
    expect(otherFails).toEqual([]);
  });

  it('fails an admin role on the key in production, and warns outside it', async () => {
    const production = await doctor({ ...good(), KUSTOMER_API_KEY: ADMIN_KEY });
    expect(production.row('permission.least-privilege')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('org.admin'),
    });
    const staging = await doctor({ ...good(), NODE_ENV: undefined, KUSTOMER_API_KEY: ADMIN_KEY });
    expect(staging.row('permission.least-privilege').status).toBe('warn');
  });
});

describe('settings', () => {
  it('fails a default team that does not exist in Kustomer', async () => {
    const { row } = await doctor({
      ...good(),
      KUSTOMER_DEFAULT_TEAM_ID: 'abcdefabcdefabcdefabcdef',
    });
    expect(row('settings.default-team')).toMatchObject({
      status: 'fail',
      detail: 'team abcdefabcdefabcdefabcdef does not exist in Kustomer',
    });
  });

  it('fails saved settings whose priority is out of range, naming the field', async () => {
    const env = await withFileStore({
      settings: { ...defaultSettings({ defaultTeamId: SUPPORT_TEAM }), defaultPriority: 9 },
    });
    const { row } = await doctor(env);
    expect(row('settings.valid')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^defaultPriority: /),
    });
    expect(row('settings.priority')).toMatchObject({
      status: 'fail',
      detail: 'default priority 9 is not 1-5',
    });
  });

  it('fails a routing rule that points at a team Kustomer does not have', async () => {
    const settings = {
      ...defaultSettings({ defaultTeamId: SUPPORT_TEAM }),
      routingRules: [
        { id: 'billing', intents: ['billing'], teamId: '5f0000000000000000000002' },
        { id: 'gone', keywords: ['refund'], teamId: 'deadbeefdeadbeefdeadbeef' },
      ],
    };
    const { row } = await doctor(await withFileStore({ settings }));
    expect(row('settings.routing')).toMatchObject({
      status: 'fail',
      detail: 'routingRules.1.teamId: team deadbeefdeadbeefdeadbeef does not exist in Kustomer',
    });
  });

  it('warns when transcript sync or the integration is switched off', async () => {
    const settings = {
      ...defaultSettings({ defaultTeamId: SUPPORT_TEAM }),
      transcriptSync: false,
      enabled: false,
    };
    const { row, code } = await doctor(await withFileStore({ settings }));
    expect(row('settings.transcript').status).toBe('warn');
    expect(row('settings.enabled')).toMatchObject({
      status: 'warn',
      detail: 'switched off: escalations are refused',
    });
    expect(code).toBe(0);
  });
});

describe('rate-limit headroom', () => {
  it('fails when the expected volume needs more than the org budget the headers report', async () => {
    // 20,000 an hour x 4 requests = 1,334 a minute, over the sandbox's 1,000.
    const { row } = await doctor(good(), ['--expected-per-hour', '20000']);
    expect(row('rate-limit')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('need ~1334 requests/min of 1000/min'),
    });
  });

  it('warns past half the budget, and when the client is told of a bigger budget than the org has', async () => {
    expect(
      (await doctor({ ...good(), EXPECTED_ESCALATIONS_PER_HOUR: '9000' })).row('rate-limit').status,
    ).toBe('warn');
    const oversold = await doctor({ ...good(), KUSTOMER_RATE_LIMIT_PER_MIN: '5000' });
    expect(oversold.row('rate-limit')).toMatchObject({
      status: 'warn',
      fix: 'set KUSTOMER_RATE_LIMIT_PER_MIN=1000 or lower',
    });
  });
});

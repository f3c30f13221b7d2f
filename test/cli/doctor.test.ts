/**
 * `npm run doctor` as a function (argv in, JSON report out) against the sandbox over HTTP, a real
 * redis-server and file stores in temp folders: one fully good production environment that passes
 * every check, and one misconfigured environment for each thing that makes a check fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/doctor/run-doctor.js';
import type { CheckResult } from '../../src/cli/doctor/types.js';
import { createFileStore } from '../../src/escalation/stores/index.js';
import type { EscalationRecord } from '../../src/escalation/store.js';
import { defaultSettings } from '../../src/escalation/settings.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/server.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import type { IntegrationSettings } from '../../src/shared/settings.js';
import { startRedis } from '../support/redis.js';
import { startTestSandbox } from '../support/sandbox.js';
import { captureIo } from './support/capture-io.js';
import { outboxRecord } from './support/records.js';
import { closedPort, startWrongRegionHost } from './support/region-server.js';

const FULL_KEY = 'CANARY-doctor-full-key-0b7e5c3a1f9d2e84';
const ADMIN_KEY = 'CANARY-doctor-admin-key-6d4f2b0e8c1a3957';
const ADMIN_TOKEN = 'CANARY-adm-Q7v2Lk9pXz4Rt8Wm3Nc6Hb1Jf5Sd0Ge';
const WEBHOOK_SECRET = 'CANARY-webhook-5e3c1a9f7d';
const CRON_SECRET = 'CANARY-cron-8b6d4f2a0c9e7153';
const SECRETS = [FULL_KEY, ADMIN_KEY, ADMIN_TOKEN, WEBHOOK_SECRET, CRON_SECRET];
const SUPPORT_TEAM = '5f0000000000000000000001';
const NOW = Date.parse('2026-11-24T12:00:00.000Z');

const without = (role: string) => `CANARY-doctor-no-${role.replace(/\W/g, '-')}-key`;

let sandbox: SandboxHandle;
let redis: { url: string; stop(): Promise<void> };
const dirs: string[] = [];
const printed: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startTestSandbox({
    keys: [
      { key: FULL_KEY, name: 'escalations', roles: ALL_MODULE_ROLES },
      { key: ADMIN_KEY, name: 'admin', roles: [...ALL_MODULE_ROLES, 'org.admin'] },
      ...ALL_MODULE_ROLES.map((role) => ({
        key: without(role),
        name: `no ${role}`,
        roles: ALL_MODULE_ROLES.filter((r) => r !== role),
      })),
    ],
  });
});
afterAll(async () => {
  await sandbox.close();
  await redis.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const secret of SECRETS) expect(printed.join('\n')).not.toContain(secret);
});

/** Production on Vercel with Redis, every secret, a default team and a modest expected volume. */
function good(): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    VERCEL: '1',
    KUSTOMER_API_KEY: FULL_KEY,
    KUSTOMER_API_BASE_URL: sandbox.url,
    KUSTOMER_SUBDOMAIN: 'acme',
    KUSTOMER_DEFAULT_TEAM_ID: SUPPORT_TEAM,
    ADMIN_TOKEN,
    KUSTOMER_WEBHOOK_SECRET: WEBHOOK_SECRET,
    CRON_SECRET,
    ALLOWED_ORIGINS: 'https://chat.example.com',
    REDIS_URL: `${redis.url}/1`,
    EXPECTED_ESCALATIONS_PER_HOUR: '300',
  };
}

/** Not on Vercel, with a file store in a fresh folder seeded with records and settings. */
async function withFileStore(
  seed: { records?: EscalationRecord[]; settings?: unknown } = {},
): Promise<Record<string, string | undefined>> {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-store-'));
  dirs.push(dir);
  const store = await createFileStore({ dir });
  for (const record of seed.records ?? []) await store.insert(record);
  if (seed.settings) await store.saveSettings(seed.settings as IntegrationSettings);
  await store.close();
  return { ...good(), VERCEL: undefined, REDIS_URL: undefined, STORE: 'file', STORE_DIR: dir };
}

async function doctor(env: Record<string, string | undefined>, argv: string[] = []) {
  const captured = captureIo();
  const code = await runDoctor(['--json', ...argv], { env, io: captured.io, now: NOW });
  printed.push(captured.all());
  const report = JSON.parse(captured.out.join('\n')) as { ok: boolean; checks: CheckResult[] };
  const row = (id: string) => {
    const found = report.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return found;
  };
  return { code, report, row, stderr: captured.err.join('\n') };
}

describe('a fully good production environment', () => {
  it('passes every check and exits 0', async () => {
    const { code, report } = await doctor(good());
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(35);
    expect(code).toBe(0);
  });

  it('prints the table with a pass per row and the summary', async () => {
    const captured = captureIo();
    const code = await runDoctor([], { env: good(), io: captured.io, now: NOW });
    const text = captured.out.join('\n');
    printed.push(captured.all());
    expect(code).toBe(0);
    expect(text).toMatch(
      /^PASS\s+Permission: create conversations\s+held via org\.permission\.conversation\.create$/m,
    );
    expect(text).toMatch(/^PASS\s+Default team exists\s+Support \(5f0000000000000000000001\)$/m);
    expect(text).toMatch(/\d+ pass, 0 warn, 0 fail, 0 skipped \(judged as production\)$/);
  });
});

describe('configuration and credentials', () => {
  it('fails on a variable the server cannot load, names it, and skips the store checks', async () => {
    const { code, row } = await doctor({ ...good(), STORE: 'disk' });
    expect(code).toBe(1);
    expect(row('config')).toMatchObject({
      status: 'fail',
      detail: 'STORE must be file, redis or memory',
    });
    expect(row('store.reachable').status).toBe('skip');
    expect(row('permission.customer.read').status).toBe('pass');
  });

  it('fails production without an API key, and only warns in sandbox mode outside production', async () => {
    const bare = { STORE: 'memory' };
    const production = await doctor({ ...bare, NODE_ENV: 'production' });
    expect(production.row('mode')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('embedded sandbox'),
    });
    const local = await doctor(bare);
    expect(local.row('mode')).toMatchObject({
      status: 'warn',
      detail: 'sandbox mode: no live credentials',
    });
  });

  it('fails when the API key sits in a VITE_ variable', async () => {
    const env = { ...good(), KUSTOMER_API_KEY: undefined, VITE_KUSTOMER_API_KEY: FULL_KEY };
    const { row, code } = await doctor(env);
    expect(code).toBe(1);
    expect(row('vite')).toMatchObject({
      status: 'fail',
      detail: 'VITE_KUSTOMER_API_KEY would be compiled into the browser bundle',
    });
  });

  it('fails when a secret value is copied into any VITE_ variable', async () => {
    const { row } = await doctor({ ...good(), VITE_CHAT_CONFIG: ADMIN_TOKEN });
    expect(row('vite')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('VITE_CHAT_CONFIG'),
    });
  });

  it('fails debug mode in production, from the environment or the saved settings', async () => {
    expect((await doctor({ ...good(), KUSTOMER_DEBUG: 'true' })).row('debug').status).toBe('fail');
    const saved = await withFileStore({
      settings: { ...defaultSettings({ defaultTeamId: SUPPORT_TEAM }), debug: true },
    });
    expect((await doctor(saved)).row('debug')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('saved Integrations settings'),
    });
    const local = { ...good(), NODE_ENV: undefined, VERCEL: undefined, KUSTOMER_DEBUG: 'true' };
    expect((await doctor(local)).row('debug').status).toBe('pass');
  });
});

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

  it.each(ALL_MODULE_ROLES)('fails only the capability of a key without %s', async (role) => {
    const capability = role.replace('org.permission.', '');
    const { row, report } = await doctor({ ...good(), KUSTOMER_API_KEY: without(role) });
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
      detail: expect.stringMatching(/^REDIS_URL: /),
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
});

describe('secrets and the HTTP layer', () => {
  it('fails a live key without a webhook secret, and Vercel without a cron secret', async () => {
    const { row } = await doctor({
      ...good(),
      KUSTOMER_WEBHOOK_SECRET: undefined,
      CRON_SECRET: undefined,
    });
    expect(row('secret.webhook').status).toBe('fail');
    expect(row('secret.cron').status).toBe('fail');
    const selfHosted = await doctor({ ...(await withFileStore()), CRON_SECRET: undefined });
    expect(selfHosted.row('secret.cron').status).toBe('warn');
  });

  it.each([
    ['short', 'Zq8x1Lp0Wm4Rt7Kc2Vb9Nj', 'fewer than 32'],
    ['repeated', 'x'.repeat(40), 'distinct characters'],
    ['sequential', 'abcdefghijklmnopqrstuvwxyz0123456789', 'neighbouring characters'],
    ['placeholder', 'change-me-to-a-long-random-admin-token-value', 'placeholder'],
    ['low entropy', 'aaQaaWaaEaaRaaTaaYaaUaaIaaOaaPaaSaaDaaF', 'low entropy'],
  ])('fails a %s admin token', async (_kind, token, reason) => {
    const { row } = await doctor({ ...good(), ADMIN_TOKEN: token });
    expect(row('secret.admin-token')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(reason),
    });
  });

  it('fails CORS with *, and warns about an origin that can never match', async () => {
    expect(
      (await doctor({ ...good(), ALLOWED_ORIGINS: 'https://chat.example.com,*' })).row('http.cors')
        .status,
    ).toBe('fail');
    const slash = await doctor({ ...good(), ALLOWED_ORIGINS: 'https://chat.example.com/' });
    expect(slash.row('http.cors')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('never match'),
    });
  });

  it('fails a Kustomer timeout longer than an outbox delivery, and warns about a very short one', async () => {
    expect(
      (await doctor({ ...good(), KUSTOMER_TIMEOUT_MS: '60000' })).row('http.timeout').status,
    ).toBe('fail');
    expect(
      (await doctor({ ...good(), KUSTOMER_TIMEOUT_MS: '1000' })).row('http.timeout').status,
    ).toBe('warn');
  });
});

describe('sandbox mode and options', () => {
  function sandboxEnv() {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-sandbox-'));
    dirs.push(dir);
    return { STORE_DIR: join(dir, 'store') };
  }

  it('prints the full table against the embedded sandbox, the sandbox rows warning, and exits 0', async () => {
    const captured = captureIo();
    const code = await runDoctor([], { env: sandboxEnv(), io: captured.io, now: NOW });
    const text = captured.out.join('\n');
    expect(code).toBe(0);
    const rows = text.split('\n').filter((line) => /^(PASS|WARN|FAIL|SKIP)\s/.test(line));
    expect(rows.length).toBe((await doctor(good())).report.checks.length);
    expect(text).toMatch(/^WARN\s+Live credentials\s+sandbox mode: no live credentials$/m);
    expect(text).toMatch(/^WARN\s+Region matches the key\s+sandbox mode: no region to check$/m);
    expect(text).toMatch(/^PASS\s+Permission: read teams\s+held via org\.permission\.team\.read$/m);
    expect(text).not.toMatch(/^(FAIL|SKIP)\s/m);
  });

  it('exits 1 on warnings with --strict, and 2 on a bad option', async () => {
    const strict = await doctor(sandboxEnv(), ['--strict']);
    expect(strict.code).toBe(1);
    const captured = captureIo();
    const code = await runDoctor(['--expected-per-hour', 'lots'], { env: good(), io: captured.io });
    expect(code).toBe(2);
    expect(captured.err).toEqual(['error: --expected-per-hour must be a whole number']);
  });

  it('judges a non-production environment as production with --production', async () => {
    const env = { ...good(), NODE_ENV: undefined, VERCEL: undefined, KUSTOMER_API_KEY: ADMIN_KEY };
    expect((await doctor(env)).row('permission.least-privilege').status).toBe('warn');
    expect((await doctor(env, ['--production'])).row('permission.least-privilege').status).toBe(
      'fail',
    );
  });
});

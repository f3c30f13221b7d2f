/**
 * `npm run doctor`: a fully good production environment passes every check; then the
 * environment, secrets and HTTP settings misconfigured one at a time, each failing its check;
 * sandbox mode and the options.
 */
import { describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  ADMIN_TOKEN,
  FULL_KEY,
  SUPPORT_TEAM,
  useDoctorFixture,
} from './support/doctor-fixture.js';
import { defaultSettings } from '../../src/escalation/settings.js';

const { good, withFileStore, sandboxMode, run, doctor } = useDoctorFixture();

describe('a fully good production environment', () => {
  it('passes every check and exits 0', async () => {
    const { code, report } = await doctor(good());
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(33);
    expect(code).toBe(0);
  });

  it('prints the table with a pass per row and the summary', async () => {
    const { code, out: text } = await run(good());
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
  it('prints the full table against the embedded sandbox, the sandbox rows warning, and exits 0', async () => {
    const { code, out: text } = await run(sandboxMode());
    expect(code).toBe(0);
    const rows = text.split('\n').filter((line) => /^(PASS|WARN|FAIL|SKIP)\s/.test(line));
    expect(rows.length).toBe((await doctor(good())).report.checks.length);
    expect(text).toMatch(/^WARN\s+Live credentials\s+sandbox mode: no live credentials$/m);
    expect(text).toMatch(/^WARN\s+Region matches the key\s+sandbox mode: no region to check$/m);
    expect(text).toMatch(/^PASS\s+Permission: read teams\s+held via org\.permission\.team\.read$/m);
    expect(text).not.toMatch(/^(FAIL|SKIP)\s/m);
  });

  it('exits 1 on warnings with --strict, and 2 on a bad option', async () => {
    const strict = await doctor(sandboxMode(), ['--strict']);
    expect(strict.code).toBe(1);
    const bad = await run(good(), ['--expected-per-hour', 'lots']);
    expect(bad).toMatchObject({
      code: 2,
      err: 'error: --expected-per-hour must be a whole number',
    });
  });

  it('judges a non-production environment as production with --production', async () => {
    const env = { ...good(), NODE_ENV: undefined, VERCEL: undefined, KUSTOMER_API_KEY: ADMIN_KEY };
    expect((await doctor(env)).row('permission.least-privilege').status).toBe('warn');
    expect((await doctor(env, ['--production'])).row('permission.least-privilege').status).toBe(
      'fail',
    );
  });
});

/**
 * What every doctor test file shares: a sandbox with keys holding all roles, an admin role, or all
 * roles but one; a real redis-server; a fully good production environment to misconfigure one
 * variable at a time; file stores seeded in temp folders; and runDoctor with its output recorded
 * for the closing check that no canary secret was printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runDoctor } from '../../../src/cli/doctor/run-doctor.js';
import { runKustomerCli } from '../../../src/cli/kustomer-cli.js';
import { recordDelivery } from '../../../src/escalation/webhook-secrets.js';
import type { CheckResult } from '../../../src/cli/doctor/types.js';
import type { EscalationRecord } from '../../../src/escalation/record.js';
import { createFileStore, createStore } from '../../../src/escalation/stores/index.js';
import { ALL_MODULE_ROLES } from '../../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';
import type { IntegrationSettings } from '../../../src/shared/settings.js';
import { startRedis } from '../../support/redis.js';
import { startTestSandbox } from '../../support/sandbox.js';
import { captureIo } from './capture-io.js';

export const FULL_KEY = 'CANARY-doctor-full-key-0b7e5c3a1f9d2e84';
export const ADMIN_KEY = 'CANARY-doctor-admin-key-6d4f2b0e8c1a3957';
export const ADMIN_TOKEN = 'CANARY-adm-Q7v2Lk9pXz4Rt8Wm3Nc6Hb1Jf5Sd0Ge';
const WEBHOOK_SECRET = 'CANARY-webhook-5e3c1a9f7d';
const CRON_SECRET = 'CANARY-cron-8b6d4f2a0c9e7153';
const SECRETS = [FULL_KEY, ADMIN_KEY, ADMIN_TOKEN, WEBHOOK_SECRET, CRON_SECRET];
export const SUPPORT_TEAM = '5f0000000000000000000001';
export const NOW = Date.parse('2026-11-24T12:00:00.000Z');

/** The key that holds every module role except `role`. */
export const keyWithout = (role: string) => `CANARY-doctor-no-${role.replace(/\W/g, '-')}-key`;

export type Env = Record<string, string | undefined>;

export function useDoctorFixture() {
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
          key: keyWithout(role),
          name: `no ${role}`,
          roles: ALL_MODULE_ROLES.filter((r) => r !== role),
        })),
      ],
    });
  });
  // The good environment's outbound webhook: provisioned at its APP_URL (as the setup script
  // does), with a verified delivery on record a minute before the doctor's NOW.
  beforeAll(async () => {
    const env = good();
    expect(await runKustomerCli(['webhooks', 'provision'], { env, io: captureIo().io })).toBe(0);
    const store = await createStore({ kind: 'redis', redisUrl: env.REDIS_URL! });
    await recordDelivery(store, {
      at: new Date(NOW - 60_000).toISOString(),
      event: 'kustomer.message.create',
      verified: true,
    });
    await store.close();
  });
  afterAll(async () => {
    await sandbox.close();
    await redis.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const secret of SECRETS) expect(printed.join('\n')).not.toContain(secret);
  });

  function tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  }

  /**
   * Production on Vercel with Redis, every secret, a default team, a modest expected volume, and
   * the outbound webhook provisioned at APP_URL with a recent verified delivery.
   */
  function good(): Env {
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
      // https on this machine: nothing listens on 443, so a delivery or a look fails at once.
      APP_URL: 'https://localhost',
      REDIS_URL: `${redis.url}/1`,
      EXPECTED_ESCALATIONS_PER_HOUR: '300',
    };
  }

  /** The good environment off Vercel, with a file store seeded with records and settings. */
  async function withFileStore(
    seed: { records?: EscalationRecord[]; settings?: unknown } = {},
  ): Promise<Env> {
    const dir = tempDir('doctor-store-');
    const store = await createFileStore({ dir });
    for (const record of seed.records ?? []) await store.records.insert(record);
    if (seed.settings) await store.settings.save(seed.settings as IntegrationSettings);
    await store.close();
    return { ...good(), VERCEL: undefined, REDIS_URL: undefined, STORE: 'file', STORE_DIR: dir };
  }

  /** No key at all (the embedded sandbox), with the file store in a fresh folder. */
  function sandboxMode(): Env {
    return { STORE_DIR: join(tempDir('doctor-sandbox-'), 'store') };
  }

  /** runDoctor as the CLI runs it; stdout, stderr and the exit code. */
  async function run(env: Env, argv: string[] = []) {
    const captured = captureIo();
    const code = await runDoctor(argv, { env, io: captured.io, now: NOW });
    printed.push(captured.all());
    return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
  }

  /** runDoctor --json, with a lookup of one check's row by id. */
  async function doctor(env: Env, argv: string[] = []) {
    const { code, out, err } = await run(env, ['--json', ...argv]);
    const report = JSON.parse(out) as { ok: boolean; checks: CheckResult[] };
    const row = (id: string) => {
      const found = report.checks.find((c) => c.id === id);
      if (!found) throw new Error(`no check ${id}`);
      return found;
    };
    return { code, report, row, stderr: err };
  }

  return { good, withFileStore, sandboxMode, run, doctor, sandbox: () => sandbox };
}

/**
 * What the kustomer command test files share: a sandbox with keys holding every role, too few
 * roles or an admin role; a fresh temp folder (and file store) per test; and runKustomerCli with
 * its output recorded for the closing check that no canary secret was printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { runKustomerCli } from '../../../src/cli/kustomer-cli.js';
import { ALL_MODULE_ROLES } from '../../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';
import { startTestSandbox } from '../../support/sandbox.js';
import { captureIo } from './capture-io.js';

export const FULL_KEY = 'CANARY-cli-full-key-4e1b9d7c2a6f8e30';
export const FEW_KEY = 'CANARY-cli-few-roles-key-8a2c4e6f0b1d';
export const ADMIN_KEY = 'CANARY-cli-admin-role-key-3f5a7c9e1b';
const ADMIN_TOKEN = 'CANARY-admin-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRETS = [FULL_KEY, FEW_KEY, ADMIN_KEY, ADMIN_TOKEN];

export function useCliFixture() {
  let sandbox: SandboxHandle;
  let dir: string;
  const printed: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({
      keys: [
        { key: FULL_KEY, name: 'escalations', roles: ALL_MODULE_ROLES },
        {
          key: FEW_KEY,
          name: 'too-few',
          roles: ['org.permission.customer.read', 'org.permission.team.read'],
        },
        { key: ADMIN_KEY, name: 'admin', roles: [...ALL_MODULE_ROLES, 'org.admin'] },
      ],
    });
  });
  afterAll(async () => {
    await sandbox.close();
    // Every output of every test in the file, successes and failures alike.
    for (const secret of SECRETS) expect(printed.join('\n')).not.toContain(secret);
  });
  beforeEach(() => {
    sandbox.reset();
    dir = mkdtempSync(join(tmpdir(), 'cli-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  /** A live key on the sandbox, the admin token, and a file store in this test's folder. */
  async function run(argv: string[], overrides: Record<string, string | undefined> = {}) {
    const captured = captureIo();
    const env = {
      KUSTOMER_API_KEY: FULL_KEY,
      KUSTOMER_API_BASE_URL: sandbox.url,
      ADMIN_TOKEN,
      STORE: 'file',
      STORE_DIR: join(dir, 'store'),
      ...overrides,
    };
    const code = await runKustomerCli(argv, { env, io: captured.io });
    printed.push(captured.all());
    return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
  }

  return { run, sandbox: () => sandbox, dir: () => dir };
}

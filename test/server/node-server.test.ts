/**
 * `npm start` (src/server/node-server.ts) as a real child process in a working directory with its
 * own .env: it reads the file like `npm run dev`, and variables already in the environment win.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';

const ROOT = join(import.meta.dirname, '..', '..');
const KEY = 'CANARY-node-server-key-5c2e8a1f9d';
const ADMIN_TOKEN = 'CANARY-node-server-admin-7Hq2Lm9Xv4';

let sandbox: SandboxHandle;
let cwd: string;
let child: ChildProcess;
let output = '';

/** Starts the server and answers its URL from the `listening` log line. */
function startServer(env: Record<string, string>): Promise<string> {
  child = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'src/server/node-server.ts')],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /"message":"listening","url":"([^"]+)"/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ keys: [{ key: KEY, name: 'node', roles: ALL_MODULE_ROLES }] });
  cwd = mkdtempSync(join(tmpdir(), 'node-server-'));
  writeFileSync(
    join(cwd, '.env'),
    [
      `KUSTOMER_API_KEY=${KEY}`,
      `ADMIN_TOKEN=${ADMIN_TOKEN}`,
      // Unreachable: the environment's value must win over this one.
      'KUSTOMER_API_BASE_URL=http://127.0.0.1:9',
      'STORE=memory',
    ].join('\n'),
  );
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await sandbox.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('npm start', () => {
  it('reads ./.env, with the environment winning, and never prints the secrets', async () => {
    const url = await startServer({
      KUSTOMER_API_BASE_URL: sandbox.url,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    // Live mode with the key and admin token from .env: without them this is the open sandbox.
    expect((await fetch(`${url}/api/integrations/kustomer`)).status).toBe(401);
    const status = await (
      await fetch(`${url}/api/integrations/kustomer`, { headers: auth })
    ).json();
    expect(status).toMatchObject({ mode: 'live', key: { configured: true, last4: KEY.slice(-4) } });
    expect(status.org.baseUrl).toBe(sandbox.url);
    const test = await fetch(`${url}/api/integrations/kustomer/test`, {
      method: 'POST',
      headers: auth,
    });
    expect((await test.json()).ok).toBe(true);
    expect(output).not.toContain(KEY);
    expect(output).not.toContain(ADMIN_TOKEN);
  });
});

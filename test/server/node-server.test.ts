/**
 * `npm start` (src/server/node-server.ts) as a real child process in a working directory with its
 * own .env: it reads the file like `npm run dev`, and variables already in the environment win.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startNodeServer, type NodeServerProcess } from '../support/node-server-process.js';
import { startTestSandbox } from '../support/sandbox.js';

const KEY = 'CANARY-node-server-key-5c2e8a1f9d';
const ADMIN_TOKEN = 'CANARY-node-server-admin-7Hq2Lm9Xv4';

let sandbox: SandboxHandle;
let cwd: string;
let server: NodeServerProcess | undefined;

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
  await server?.stop();
  await sandbox.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('npm start', () => {
  it('reads ./.env, with the environment winning, and never prints the secrets', async () => {
    server = await startNodeServer(cwd, {
      KUSTOMER_API_BASE_URL: sandbox.url,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    const { url } = server;
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
    expect(server.output()).not.toContain(KEY);
    expect(server.output()).not.toContain(ADMIN_TOKEN);
  });
});

/**
 * Each entry point once as a real child process, the way `npm run kustomer|doctor|smoke` starts
 * it: working directory with its own .env, exit codes, stdout and stderr as an operator sees them,
 * and no secret in any of it. Few on purpose: each start-up costs about a second.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { spawnCli, type ChildResult } from './support/spawn-cli.js';

const KEY = 'CANARY-child-key-9d7b5f3e1c0a2e4f';
const ADMIN_TOKEN = 'CANARY-child-admin-Tz6Qw1Yp8Ks3Lx0Vn5Rb2Mc';

let sandbox: SandboxHandle;
let app: AppServer;
let cwd: string;
const results: ChildResult[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [{ key: KEY, name: 'child', roles: ALL_MODULE_ROLES }],
  });
  app = await startAppServer(sandbox, { KUSTOMER_API_KEY: KEY, ADMIN_TOKEN });
  cwd = mkdtempSync(join(tmpdir(), 'cli-child-'));
  // The key and admin token come from .env; the base URL in .env is overridden by the environment.
  writeFileSync(
    join(cwd, '.env'),
    [
      `KUSTOMER_API_KEY=${KEY}`,
      `ADMIN_TOKEN=${ADMIN_TOKEN}`,
      'KUSTOMER_API_BASE_URL=http://127.0.0.1:9',
      'STORE=file',
      'STORE_DIR=store',
    ].join('\n'),
  );
});
afterAll(async () => {
  await app.close();
  await sandbox.close();
  rmSync(cwd, { recursive: true, force: true });
  for (const r of results) expect(`${r.stdout}${r.stderr}`).not.toMatch(/CANARY-child-(key|admin)/);
});

async function kustomer(...args: string[]): Promise<ChildResult> {
  const result = await spawnCli('main', args, { cwd, env: { KUSTOMER_API_BASE_URL: sandbox.url } });
  results.push(result);
  return result;
}

describe('npm run kustomer', () => {
  it('test-connection reads .env, lets the environment win, and exits 0', async () => {
    const r = await kustomer('test-connection');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Connected to ${sandbox.url} in`);
    expect(r.stdout).toContain('All 10 permissions held.');
    expect(r.code).toBe(0);
  });

  it('teams prints JSON', async () => {
    const r = await kustomer('teams', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).teams.map((t: { name: string }) => t.name)).toEqual(
      sandbox.state().teams.map((t) => t.name),
    );
  });

  it('lookup exits 1 with one line when there is no such customer', async () => {
    const r = await kustomer('lookup', '--email', 'nobody@example.com');
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'not found: no Kustomer customer with that email\n',
    });
  });

  it('escalate sends the file, and outbox list shows nothing left waiting', async () => {
    writeFileSync(
      join(cwd, 'escalation.json'),
      JSON.stringify({
        escalationId: 'child-1',
        sessionId: 'chat-child-1',
        customer: { email: 'child@example.com' },
        transcript: [
          { id: 'm1', role: 'user', text: 'A person please', at: '2026-11-24T10:00:00Z' },
        ],
        reason: 'user_requested',
      }),
    );
    const sent = await kustomer('escalate', '--file', 'escalation.json');
    expect(sent.stderr).toBe('');
    expect(JSON.parse(sent.stdout)).toMatchObject({ status: 'escalated', escalationId: 'child-1' });
    expect(sent.code).toBe(0);
    const outbox = await kustomer('outbox', 'list');
    expect(outbox).toMatchObject({
      code: 0,
      stdout: 'Outbox: 0 queued, 0 retrying, 0 dead\n',
      stderr: '',
    });
  });

  it('an unknown command prints the usage to stderr and exits 2', async () => {
    const r = await kustomer('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: npm run kustomer -- <command>/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('error: unknown command "frobnicate"');
  });
});

describe('npm run doctor and npm run smoke', () => {
  it('doctor exits 1 when a check fails and prints the JSON report', async () => {
    const r = await spawnCli('doctor-main', ['--json'], {
      cwd,
      env: { KUSTOMER_API_BASE_URL: sandbox.url, NODE_ENV: 'production' },
    });
    results.push(r);
    const report = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(report.ok).toBe(false);
    // .env has no webhook secret: live mode without one fails.
    expect(report.checks.find((c: { id: string }) => c.id === 'secret.webhook').status).toBe(
      'fail',
    );
    expect(
      report.checks.find((c: { id: string }) => c.id === 'permission.note.create').status,
    ).toBe('pass');
  });

  it('smoke passes against a running server with the admin token from .env', async () => {
    const r = await spawnCli('smoke-main', ['--url', app.url], { cwd, env: {} });
    results.push(r);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^total \d+ ms: every step passed$/);
    expect(r.code).toBe(0);
  });
});

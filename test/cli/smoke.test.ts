/**
 * `npm run smoke` as a function against the real server stack on a real socket (node:http serving
 * createApp on port 0, the sandbox behind it): the whole path passing, and each way it can fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../../src/cli/smoke/run-smoke.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { captureIo } from './support/capture-io.js';
import { closedPort } from './support/region-server.js';

const KEY = 'CANARY-smoke-key-2c4e6a8b0d1f3e5a';
const ADMIN_TOKEN = 'CANARY-smoke-admin-Hf3Kq8Zt1Wm6Rx9Lp2Vb7Nc';
const ENV = { KUSTOMER_API_KEY: KEY, ADMIN_TOKEN, KUSTOMER_WEBHOOK_SECRET: 'CANARY-smoke-hook' };

let sandbox: SandboxHandle;
let app: AppServer | null = null;
const printed: string[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [{ key: KEY, name: 'smoke', roles: ALL_MODULE_ROLES }],
  });
});
afterEach(async () => {
  await app?.close();
  app = null;
  sandbox.reset();
});
afterAll(async () => {
  await sandbox.close();
  for (const secret of [KEY, ADMIN_TOKEN]) expect(printed.join('\n')).not.toContain(secret);
});

async function smoke(argv: string[], options: Partial<Parameters<typeof runSmoke>[1]> = {}) {
  const captured = captureIo();
  const code = await runSmoke(argv, { env: {}, io: captured.io, ...options });
  printed.push(captured.all());
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
}

describe('against a healthy deployment', () => {
  it('passes every step, times each, and leaves a test conversation in Kustomer', async () => {
    app = await startAppServer(sandbox, ENV);
    const { code, out } = await smoke(['--url', app.url, '--admin-token', ADMIN_TOKEN]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Smoke test of ${app.url}`);
    expect(lines.slice(1, 6).map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual([
      'PASS GET /api/health 200',
      'PASS GET /api/ready 200',
      'PASS GET /api/integrations/kustomer 200',
      'PASS POST /api/integrations/kustomer/test-escalation 201',
      expect.stringMatching(/^PASS GET \/api\/escalations\/test-[\w-]+ 200$/),
    ]);
    for (const line of lines.slice(1, 6)) expect(line).toMatch(/\s\d+ ms\s/);
    expect(lines.at(-1)).toMatch(/^total \d+ ms: every step passed$/);
    const [conversation] = sandbox.state().conversations;
    expect(conversation?.tags).toContain('test');
    expect(out).toContain(`conversation ${conversation!.id}`);
  });

  it('takes the admin token from ADMIN_TOKEN and reports JSON with --json', async () => {
    app = await startAppServer(sandbox, ENV);
    const { code, out } = await smoke(['--url', app.url, '--json'], { env: { ADMIN_TOKEN } });
    const report = JSON.parse(out);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s: { name: string }) => s.name)).toEqual([
      'health',
      'ready',
      'integration status',
      'test escalation',
      'escalation status',
    ]);
  });

  it('polls a queued escalation until the outbox delivers it', async () => {
    app = await startAppServer(sandbox, ENV, { escalateDeadlineMs: 200 });
    sandbox.setFaults({ outageUntil: Date.now() + 600_000 });
    const services = app.services;
    let sleeps = 0;
    // Between polls Kustomer comes back and the outbox is retried, as the drainer would.
    const sleep = async () => {
      sleeps += 1;
      sandbox.clearFaults();
      for (const item of await services.escalations.outbox())
        await services.escalations.retryNow(item.escalationId);
    };
    const { code, out } = await smoke(['--url', app.url], { env: { ADMIN_TOKEN }, sleep });
    expect(out).toMatch(
      /PASS\s+POST \/api\/integrations\/kustomer\/test-escalation\s+202 .*queued/,
    );
    expect(out).toMatch(new RegExp(`done after ${sleeps + 1} polls`));
    expect(sleeps).toBeGreaterThanOrEqual(1);
    expect(code).toBe(0);
    expect(sandbox.state().conversations).toHaveLength(1);
  });
});

describe('failures exit 1 and say where', () => {
  it('stops at the integration status with a wrong admin token and sends nothing', async () => {
    app = await startAppServer(sandbox, ENV);
    const { code, out } = await smoke([
      '--url',
      app.url,
      '--admin-token',
      'CANARY-wrong-token-000000000000',
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^FAIL\s+GET \/api\/integrations\/kustomer\s+401 .*unauthorized: .*\(pass --admin-token or set ADMIN_TOKEN\)$/m,
    );
    expect(out).not.toContain('test-escalation');
    expect(out.split('\n').at(-1)).toMatch(/failed at integration status$/);
    expect(sandbox.state().conversations).toEqual([]);
    expect(out).not.toContain('CANARY-wrong-token');
  });

  it('fails at readiness when the store cannot be reached', async () => {
    const store = createMemoryStore();
    store.ping = () => Promise.reject(new Error('store down'));
    app = await startAppServer(sandbox, ENV, { store });
    const { code, out } = await smoke(['--url', app.url, '--admin-token', ADMIN_TOKEN]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^FAIL\s+GET \/api\/ready\s+503 .*not ready: store unreachable, breaker closed, mode live$/m,
    );
  });

  it('fails when Kustomer rejects the test escalation and it goes dead', async () => {
    app = await startAppServer(sandbox, ENV);
    sandbox.setFaults({ errorRates: { '400': 1 }, match: '^POST /v1/customers$' });
    const { code, out } = await smoke(['--url', app.url, '--admin-token', ADMIN_TOKEN]);
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL\s+GET \/api\/escalations\/test-\S+\s+200 .*dead after 1 attempts/m);
  });

  it('fails when the integration is switched off and the test escalation is refused', async () => {
    app = await startAppServer(sandbox, ENV);
    await app.services.settings.update({ enabled: false });
    const { code, out } = await smoke(['--url', app.url, '--admin-token', ADMIN_TOKEN]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^FAIL\s+POST \/api\/integrations\/kustomer\/test-escalation\s+503 .*refused: /m,
    );
  });

  it('gives up polling after --timeout seconds of (fake) time', async () => {
    app = await startAppServer(sandbox, ENV, { escalateDeadlineMs: 200 });
    sandbox.setFaults({ outageUntil: Date.now() + 600_000 });
    let clock = 0;
    const { code, out } = await smoke(['--url', app.url, '--timeout', '5'], {
      env: { ADMIN_TOKEN },
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
    });
    expect(code).toBe(1);
    expect(out).toMatch(
      /^FAIL\s+GET \/api\/escalations\/\S+\s+200 .*still (queued|retrying) after 5 s/m,
    );
  });

  it('fails at health when nothing listens', async () => {
    const { code, out } = await smoke(['--url', `http://127.0.0.1:${await closedPort()}`]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^FAIL\s+GET \/api\/health\s+---\s+\d+ ms\s+connection failed \(ECONNREFUSED\)$/m,
    );
  });

  it('exits 2 without a usable --url', async () => {
    expect(await smoke([])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--url is required'),
    });
    expect(await smoke(['--url', 'ftp://example.com'])).toMatchObject({
      code: 2,
      err: 'error: --url must be an absolute http(s) URL',
    });
  });
});

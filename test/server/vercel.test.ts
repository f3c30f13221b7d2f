/**
 * The Vercel function (api/index.ts) itself, imported as Vercel does: a configuration error at
 * start-up answers a JSON 503 naming the variable (never a value, never a stack), /api/health
 * still answers, and the next request after the environment is fixed starts normally (the module's
 * services cache is cleared on failure).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '../../api/index.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { getServices } from '../../src/server/services.js';
import { createVercelHandler } from '../../src/server/vercel-handler.js';
import { startTestSandbox } from '../support/sandbox.js';
import { escalationBody } from './harness.js';

const KEY = 'CANARY-vercel-key-0e6c4a2b8d1f';
const SHORT_TOKEN = 'CANARY-short';
const ADMIN_TOKEN = 'a-long-enough-admin-token-123';
const saved = { ...process.env };
let sandbox: SandboxHandle;
let started = false;

/** Replaces process.env for one test; afterEach puts the original back. */
function setEnv(env: Record<string, string>): void {
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, { PATH: saved.PATH ?? '', NODE_ENV: 'test', ...env });
}

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [{ key: KEY, name: 'vercel', roles: ALL_MODULE_ROLES }],
    bulkJobMs: 200,
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, saved);
});
afterAll(async () => {
  if (started) await (await getServices()).close();
  await sandbox.close();
});

const request = (path: string, init?: RequestInit) =>
  new Request(`https://chat.example.com${path}`, init);

const postEscalation = (id: string) =>
  POST(
    request('/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(escalationBody(id)),
    }),
  );

/** A working configuration on the test sandbox: the module starts for real (afterAll closes it). */
function setWorkingEnv(): void {
  setEnv({
    KUSTOMER_API_KEY: KEY,
    KUSTOMER_API_BASE_URL: sandbox.url,
    ADMIN_TOKEN,
    STORE: 'memory',
  });
  started = true;
}

async function expectConfigError(response: Response, variable: string) {
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  const { error } = JSON.parse(text);
  expect(error.code).toBe('config_error');
  expect(error.message).toContain(variable);
  expect(text).not.toMatch(/at .+\.(ts|js):\d+/); // no stack
  for (const value of [KEY, SHORT_TOKEN]) expect(text).not.toContain(value);
}

describe('api/index.ts with a broken configuration', () => {
  it('answers 503 config_error naming the variable on every endpoint but health', async () => {
    setEnv({ KUSTOMER_API_KEY: KEY, ADMIN_TOKEN: SHORT_TOKEN, STORE: 'memory' });
    const logged: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((line) => logged.push(String(line)) > 0);
    await expectConfigError(await GET(request('/api/integrations/kustomer')), 'ADMIN_TOKEN');
    await expectConfigError(await postEscalation('v-1'), 'ADMIN_TOKEN');
    await expectConfigError(await GET(request('/api/ready')), 'ADMIN_TOKEN');
    const health = await GET(request('/api/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // The operator finds the cause in the function's log, without the secrets.
    expect(logged.filter((line) => line.includes('"cannot start"'))).toHaveLength(3);
    expect(logged.join('')).toContain('ADMIN_TOKEN must be at least 16 characters');
    for (const value of [KEY, SHORT_TOKEN]) expect(logged.join('')).not.toContain(value);
  });

  it('refuses the file store on Vercel, naming REDIS_URL', async () => {
    setEnv({ VERCEL: '1', KUSTOMER_API_KEY: KEY, ADMIN_TOKEN });
    await expectConfigError(await GET(request('/api/ready')), 'REDIS_URL');
  });

  it('answers 503 unavailable, without internals, when services fail for another reason', async () => {
    const handle = createVercelHandler(() =>
      Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:6379')),
    );
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const response = await handle(request('/api/ready'));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text).error).toMatchObject({
      code: 'unavailable',
      requestId: response.headers.get('x-request-id'),
    });
    expect(text).not.toContain('10.1.2.3');
  });

  it('starts on the next request once the environment is fixed', async () => {
    setWorkingEnv();
    const ready = await GET(request('/api/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { mode: 'live' } });
  });
});

describe('api/index.ts after the answer', () => {
  it('hands the note and transcript that follow the answer to Vercel’s waitUntil', async () => {
    // Vercel's runtime exposes the request context here; @vercel/functions reads it.
    const kept: Promise<unknown>[] = [];
    const context = Symbol.for('@vercel/request-context');
    (globalThis as Record<symbol, unknown>)[context] = {
      get: () => ({ waitUntil: (work: Promise<unknown>) => kept.push(work) }),
    };
    try {
      setWorkingEnv();
      const response = await postEscalation('v-kept');
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ status: 'escalated' });
      expect(kept.length).toBeGreaterThan(0);
      await Promise.all(kept);
      const conversation = sandbox.state().conversations.find((c) => c.externalId === 'v-kept')!;
      expect(
        sandbox.state().notes.filter((n) => n.conversationId === conversation.id),
      ).toHaveLength(1);
      expect(
        sandbox.state().messages.filter((m) => m.conversationId === conversation.id).length,
      ).toBeGreaterThan(0);
      const services = await getServices();
      expect(await services.escalations.status('v-kept')).toMatchObject({ state: 'done' });
    } finally {
      delete (globalThis as Record<symbol, unknown>)[context];
    }
  });
});

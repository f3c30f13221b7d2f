/**
 * `npm run kustomer -- <command>` as a function, against the sandbox over HTTP with keys holding
 * every role, too few roles, an admin role, or none the sandbox knows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runKustomerCli } from '../../src/cli/kustomer-cli.js';
import { createFileStore } from '../../src/escalation/stores/index.js';
import { createKustomerClient } from '../../src/kustomer/client.js';
import { ALL_MODULE_ROLES } from '../../src/sandbox/server.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { captureIo } from './support/capture-io.js';
import { outboxRecord } from './support/records.js';
import { startWrongRegionHost } from './support/region-server.js';

const FULL_KEY = 'CANARY-cli-full-key-4e1b9d7c2a6f8e30';
const FEW_KEY = 'CANARY-cli-few-roles-key-8a2c4e6f0b1d';
const ADMIN_KEY = 'CANARY-cli-admin-role-key-3f5a7c9e1b';
const ADMIN_TOKEN = 'CANARY-admin-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRETS = [FULL_KEY, FEW_KEY, ADMIN_KEY, ADMIN_TOKEN];

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
  // Every output of every test in this file, successes and failures alike.
  for (const secret of SECRETS) expect(printed.join('\n')).not.toContain(secret);
});
beforeEach(() => {
  sandbox.reset();
  dir = mkdtempSync(join(tmpdir(), 'cli-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

function env(overrides: Record<string, string | undefined> = {}) {
  return {
    KUSTOMER_API_KEY: FULL_KEY,
    KUSTOMER_API_BASE_URL: sandbox.url,
    ADMIN_TOKEN,
    STORE: 'file',
    STORE_DIR: join(dir, 'store'),
    ...overrides,
  };
}

async function run(argv: string[], overrides: Record<string, string | undefined> = {}) {
  const captured = captureIo();
  const code = await runKustomerCli(argv, { env: env(overrides), io: captured.io });
  printed.push(captured.all());
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
}

describe('test-connection', () => {
  it('exits 0 and lists every capability as held for a key with all roles', async () => {
    const { code, out, err } = await run(['test-connection']);
    expect(code).toBe(0);
    expect(out).toContain(`Connected to ${sandbox.url}`);
    expect(out).toContain('Key: escalations');
    expect(out.match(/\byes\b/g)).toHaveLength(11);
    expect(out).toContain('All 11 permissions held.');
    expect(err).toBe('');
  });

  it('exits 1 and names each missing role for a key with too few roles', async () => {
    const { code, out, err } = await run(['test-connection'], { KUSTOMER_API_KEY: FEW_KEY });
    expect(code).toBe(1);
    expect(out.match(/\bNO\b/g)).toHaveLength(9);
    expect(err).toContain('missing: Create customers (org.permission.customer.create)');
    expect(err).toContain('missing: Create notes (org.permission.note.create)');
    expect(err).not.toContain('Read teams');
    expect(err).toContain('fix: Create a new API key');
  });

  it('reports the missing capabilities as JSON with --json', async () => {
    const { code, out } = await run(['test-connection', '--json'], { KUSTOMER_API_KEY: FEW_KEY });
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report).toMatchObject({ mode: 'live', baseUrl: sandbox.url, ok: false, error: null });
    expect(report.permissions.missing).toEqual([
      'customer.create',
      'customer.update',
      'conversation.read',
      'conversation.create',
      'conversation.update',
      'message.create',
      'message.read',
      'note.create',
      'note.read',
    ]);
  });

  it('passes a key with an admin role but warns about least privilege', async () => {
    const { code, err } = await run(['test-connection'], { KUSTOMER_API_KEY: ADMIN_KEY });
    expect(code).toBe(0);
    expect(err).toMatch(/warning: the key has broad roles \(org\.admin\)/);
  });

  it('exits 1 with the 401 and how to fix it for a key the org does not know', async () => {
    const { code, out, err } = await run(['test-connection'], {
      KUSTOMER_API_KEY: 'not-a-key-the-sandbox-knows-123',
    });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^failed: cannot connect to .*401/);
    expect(err).toContain('fix: check KUSTOMER_API_KEY');
  });

  it('recognises a key from another region and names the region to set', async () => {
    const host = await startWrongRegionHost('prod2');
    try {
      const { code, out } = await run(['test-connection', '--json'], {
        KUSTOMER_API_BASE_URL: host.url,
      });
      expect(code).toBe(1);
      expect(JSON.parse(out).error).toMatchObject({
        code: 'wrong_region',
        fix: expect.stringContaining('KUSTOMER_REGION=eu'),
      });
    } finally {
      await host.close();
    }
  });

  it('tests the embedded sandbox and says so when no key is configured', async () => {
    const { code, out } = await run(['test-connection'], {
      KUSTOMER_API_KEY: undefined,
      KUSTOMER_API_BASE_URL: undefined,
    });
    expect(code).toBe(0);
    expect(out).toMatch(
      /Connected to the embedded sandbox at http:\/\/127\.0\.0\.1:\d+ \(sandbox mode/,
    );
  });
});

describe('teams and lookup', () => {
  it('lists the sandbox teams with their ids, as a table or JSON', async () => {
    const table = await run(['teams']);
    expect(table.code).toBe(0);
    for (const team of sandbox.state().teams)
      expect(table.out).toMatch(new RegExp(`${team.id}\\s+${team.name}`));
    const json = await run(['teams', '--json']);
    expect(JSON.parse(json.out).teams).toEqual(sandbox.state().teams);
  });

  it('finds a customer by email, phone or external id, and exits 1 when there is none', async () => {
    const client = createKustomerClient({ baseURL: sandbox.url, apiKey: FULL_KEY });
    const created = await client.customers.create({
      email: 'jane@example.com',
      phone: '+15555550123',
      externalId: 'crm-42',
      name: 'Jane Doe',
    });
    for (const flags of [
      ['--email', 'jane@example.com'],
      ['--phone', '+15555550123'],
      ['--external-id', 'crm-42'],
    ]) {
      const found = await run(['lookup', ...flags, '--json']);
      expect(found.code).toBe(0);
      expect(JSON.parse(found.out).customer).toMatchObject({ id: created.id, name: 'Jane Doe' });
    }
    const missing = await run(['lookup', '--email', 'nobody@example.com']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('not found: no Kustomer customer with that email');
  });

  it('refuses ambiguous or malformed lookups with exit 2, before calling Kustomer', async () => {
    const both = await run(['lookup', '--email', 'a@example.com', '--phone', '+15555550123']);
    expect(both).toMatchObject({
      code: 2,
      err: 'error: lookup needs exactly one of --email, --phone or --external-id',
    });
    const bad = await run(['lookup', '--phone', 'call me']);
    expect(bad).toMatchObject({
      code: 2,
      err: expect.stringContaining('--phone must be a number in E.164 form'),
    });
    expect(sandbox.state().requests.total).toBe(0);
  });
});

const VALID_ESCALATION = {
  escalationId: 'cli-esc-1',
  sessionId: 'chat-cli-1',
  customer: { email: 'cli@example.com', name: 'Cli User' },
  transcript: [
    { id: 'm1', role: 'user', text: 'Help with my bill', at: '2026-11-24T10:00:00.000Z' },
  ],
  reason: 'user_requested',
  summary: 'Billing question',
};

describe('escalate', () => {
  it('sends a valid escalation file to Kustomer and prints the result', async () => {
    const file = join(dir, 'escalation.json');
    writeFileSync(file, JSON.stringify(VALID_ESCALATION));
    const { code, out } = await run(['escalate', '--file', file]);
    const result = JSON.parse(out);
    expect(code).toBe(0);
    expect(result).toMatchObject({ status: 'escalated', escalationId: 'cli-esc-1' });
    const conversation = sandbox.state().conversations.find((c) => c.id === result.conversationId);
    expect(conversation?.externalId).toBeTruthy();
    expect(sandbox.state().notes.some((n) => n.conversationId === result.conversationId)).toBe(
      true,
    );
  });

  it('names every invalid field of the file and exits 2 without calling Kustomer', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...VALID_ESCALATION, customer: { email: 'not-an-email' }, reason: 'bored' }),
    );
    const { code, err } = await run(['escalate', '--file', file]);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^error: --file: .*bad\.json is not a valid escalation: customer\.email: .*; reason: /,
    );
    expect(sandbox.state().requests.total).toBe(0);
  });

  it('exits 2 for a missing file, broken JSON, or no --file', async () => {
    expect(await run(['escalate', '--file', join(dir, 'nope.json')])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^error: --file: cannot read .*nope\.json \(ENOENT\)$/),
    });
    writeFileSync(join(dir, 'broken.json'), '{"escalationId": ');
    expect((await run(['escalate', '--file', join(dir, 'broken.json')])).err).toMatch(
      /broken\.json is not valid JSON/,
    );
    expect(await run(['escalate'])).toMatchObject({
      code: 2,
      err: 'error: escalate needs --file <escalation.json>',
    });
  });
});

async function seedStore(records: ReturnType<typeof outboxRecord>[]) {
  const store = await createFileStore({ dir: join(dir, 'store') });
  for (const record of records) await store.insert(record);
  await store.close();
}

describe('outbox', () => {
  const past = new Date(Date.now() - 60_000).toISOString();

  it('lists queued and dead escalations with their last error', async () => {
    await seedStore([
      outboxRecord('waiting-1', 'queued', past),
      outboxRecord('gave-up-1', 'dead', past),
    ]);
    const { code, out } = await run(['outbox', 'list']);
    expect(code).toBe(0);
    expect(out).toContain('Outbox: 1 queued, 0 retrying, 1 dead');
    expect(out).toMatch(/gave-up-1\s+dead\s+12/);
    expect(out).toContain('kustomer_unavailable: Kustomer was down');
    const json = JSON.parse((await run(['outbox', 'list', '--json'])).out);
    expect(json.items.map((i: { escalationId: string }) => i.escalationId).sort()).toEqual([
      'gave-up-1',
      'waiting-1',
    ]);
  });

  it('drains what is due into Kustomer, then retries a dead one on request', async () => {
    await seedStore([
      outboxRecord('waiting-2', 'queued', past),
      outboxRecord('gave-up-2', 'dead', past),
    ]);
    const drained = await run(['outbox', 'drain']);
    expect(drained.code).toBe(0);
    expect(JSON.parse(drained.out)).toMatchObject({ attempted: 1, delivered: 1, dead: 0 });
    const retried = await run(['outbox', 'retry', 'gave-up-2']);
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.out)).toMatchObject({
      status: 'escalated',
      escalationId: 'gave-up-2',
    });
    expect(sandbox.state().conversations).toHaveLength(2);
    const after = JSON.parse((await run(['outbox', 'list', '--json'])).out);
    expect(after.summary).toMatchObject({ queued: 0, retrying: 0, dead: 0 });
  });

  it('exits 1 when a drained escalation is rejected and becomes dead', async () => {
    await seedStore([outboxRecord('rejected-1', 'queued', past)]);
    sandbox.setFaults({ errorRates: { '400': 1 } });
    const { code, out, err } = await run(['outbox', 'drain']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ attempted: 1, delivered: 0, dead: 1 });
    expect(err.split('\n')).toEqual([
      expect.stringMatching(
        /^error: escalation dead escalationId=rejected-1 code=\S+ attempts=\d+$/,
      ),
      'failed: 0 requeued and 1 dead of 1',
    ]);
  });

  it('purges dead escalations and keeps the queued ones', async () => {
    await seedStore([
      outboxRecord('waiting-3', 'queued', past),
      outboxRecord('gave-up-3', 'dead', past),
    ]);
    expect((await run(['outbox', 'purge-dead'])).out).toBe('Removed 1 dead escalation.');
    const after = JSON.parse((await run(['outbox', 'list', '--json'])).out);
    expect(after.summary).toMatchObject({ queued: 1, dead: 0 });
  });

  it('exits 1 for an unknown id and 2 for a missing id or action', async () => {
    expect(await run(['outbox', 'retry', 'no-such-id'])).toMatchObject({
      code: 1,
      err: 'not found: no escalation no-such-id in the store',
    });
    expect((await run(['outbox', 'retry'])).code).toBe(2);
    expect(await run(['outbox', 'flush'])).toMatchObject({
      code: 2,
      err: 'error: outbox needs one of: list, drain, retry, purge-dead (got "flush")',
    });
  });
});

describe('usage and configuration errors', () => {
  it('prints help on stdout with exit 0, and usage on stderr with exit 2 for no or an unknown command', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run kustomer -- <command>');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('error: give a command');
    expect(await run(['frobnicate'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command "frobnicate"'),
    });
    expect(await run(['teams', '--emial', 'x'])).toMatchObject({
      code: 2,
      err: "error: Unknown option '--emial'",
    });
  });

  it('names the variable of a configuration error, exits 2, and shows no stack without --debug', async () => {
    const short = await run(['teams'], { KUSTOMER_API_KEY: 'short' });
    expect(short).toMatchObject({
      code: 2,
      err: 'error: KUSTOMER_API_KEY looks too short to be a Kustomer API key',
    });
    const noToken = await run(['outbox', 'list'], { ADMIN_TOKEN: undefined });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toMatch(/^error: ADMIN_TOKEN is required when KUSTOMER_API_KEY is set/);
    expect(noToken.err).not.toMatch(/\n\s+at /);
  });

  it('adds the stack trace with --debug, still without secrets', async () => {
    const { code, err } = await run(['test-connection', '--debug'], { KUSTOMER_TIMEOUT_MS: '12' });
    expect(code).toBe(2);
    expect(err).toContain('KUSTOMER_TIMEOUT_MS must be at least 500');
    expect(err).toMatch(/\n\s+at /);
  });
});

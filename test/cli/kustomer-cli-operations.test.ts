/**
 * `npm run kustomer -- escalate | outbox ...` as functions, with a file store in a temp folder and
 * the sandbox over HTTP; and the usage and configuration errors every command shares.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/escalation/stores/index.js';
import { useCliFixture } from './support/cli-fixture.js';
import { outboxRecord } from './support/records.js';

const { run, sandbox, dir } = useCliFixture();

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
    const file = join(dir(), 'escalation.json');
    writeFileSync(file, JSON.stringify(VALID_ESCALATION));
    const { code, out } = await run(['escalate', '--file', file]);
    const result = JSON.parse(out);
    expect(code).toBe(0);
    expect(result).toMatchObject({ status: 'escalated', escalationId: 'cli-esc-1' });
    const conversation = sandbox()
      .state()
      .conversations.find((c) => c.id === result.conversationId);
    expect(conversation?.externalId).toBeTruthy();
    expect(
      sandbox()
        .state()
        .notes.some((n) => n.conversationId === result.conversationId),
    ).toBe(true);
  });

  it('names every invalid field of the file and exits 2 without calling Kustomer', async () => {
    const file = join(dir(), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...VALID_ESCALATION, customer: { email: 'not-an-email' }, reason: 'bored' }),
    );
    const { code, err } = await run(['escalate', '--file', file]);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^error: --file: .*bad\.json is not a valid escalation: customer\.email: .*; reason: /,
    );
    expect(sandbox().state().requests.total).toBe(0);
  });

  it('exits 2 for a missing file, broken JSON, or no --file', async () => {
    expect(await run(['escalate', '--file', join(dir(), 'nope.json')])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^error: --file: cannot read .*nope\.json \(ENOENT\)$/),
    });
    writeFileSync(join(dir(), 'broken.json'), '{"escalationId": ');
    expect((await run(['escalate', '--file', join(dir(), 'broken.json')])).err).toMatch(
      /broken\.json is not valid JSON/,
    );
    expect(await run(['escalate'])).toMatchObject({
      code: 2,
      err: 'error: escalate needs --file <escalation.json>',
    });
  });
});

async function seedStore(records: ReturnType<typeof outboxRecord>[]) {
  const store = await createFileStore({ dir: join(dir(), 'store') });
  for (const record of records) await store.records.insert(record);
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
    expect(sandbox().state().conversations).toHaveLength(2);
    const after = JSON.parse((await run(['outbox', 'list', '--json'])).out);
    expect(after.summary).toMatchObject({ queued: 0, retrying: 0, dead: 0 });
  });

  it('exits 1 when a drained escalation is rejected and becomes dead', async () => {
    await seedStore([outboxRecord('rejected-1', 'queued', past)]);
    sandbox().setFaults({ errorRates: { '400': 1 } });
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

/**
 * `npm run kustomer -- test-connection | teams | lookup` as functions, against the sandbox over
 * HTTP with keys holding every role, too few roles, an admin role, or one it does not know, and a
 * host of the wrong region.
 */
import { describe, expect, it } from 'vitest';
import { createKustomerClient } from '../../src/kustomer/client.js';
import { ADMIN_KEY, FEW_KEY, FULL_KEY, useCliFixture } from './support/cli-fixture.js';
import { startWrongRegionHost } from './support/region-server.js';

const { run, sandbox } = useCliFixture();

describe('test-connection', () => {
  it('exits 0 and lists every capability as held for a key with all roles', async () => {
    const { code, out, err } = await run(['test-connection']);
    expect(code).toBe(0);
    expect(out).toContain(`Connected to ${sandbox().url}`);
    expect(out).toContain('Key: escalations');
    expect(out.match(/\byes\b/g)).toHaveLength(10);
    expect(out).toContain('All 10 permissions held.');
    expect(err).toBe('');
  });

  it('exits 1 and names each missing role for a key with too few roles', async () => {
    const { code, out, err } = await run(['test-connection'], { KUSTOMER_API_KEY: FEW_KEY });
    expect(code).toBe(1);
    expect(out.match(/\bNO\b/g)).toHaveLength(8);
    expect(err).toContain('missing: Create customers (org.permission.customer.create)');
    expect(err).toContain('missing: Create notes (org.permission.note.create)');
    expect(err).not.toContain('Read teams');
    expect(err).toContain('fix: Create a new API key');
  });

  it('reports the missing capabilities as JSON with --json', async () => {
    const { code, out } = await run(['test-connection', '--json'], { KUSTOMER_API_KEY: FEW_KEY });
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report).toMatchObject({ mode: 'live', baseUrl: sandbox().url, ok: false, error: null });
    expect(report.permissions.missing).toEqual([
      'customer.create',
      'conversation.read',
      'conversation.create',
      'message.create',
      'message.read',
      'bulk.read',
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
    for (const team of sandbox().state().teams)
      expect(table.out).toMatch(new RegExp(`${team.id}\\s+${team.name}`));
    const json = await run(['teams', '--json']);
    expect(JSON.parse(json.out).teams).toEqual(sandbox().state().teams);
  });

  it('finds a customer by email, phone or external id, and exits 1 when there is none', async () => {
    const client = createKustomerClient({ baseURL: sandbox().url, apiKey: FULL_KEY });
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

  it('says so when it runs on its own empty sandbox (no key), so "not found" is not taken for the server\'s answer', async () => {
    const own = await run(['lookup', '--email', 'jane@example.com'], {
      KUSTOMER_API_KEY: undefined,
      KUSTOMER_API_BASE_URL: undefined,
    });
    expect(own.code).toBe(1);
    expect(own.err.split('\n')).toEqual([
      "warning: no KUSTOMER_API_KEY: this command runs on its own embedded sandbox, which starts empty; it is not the running server's sandbox (see that one in Settings › Integrations › Sandbox)",
      'not found: no Kustomer customer with that email',
    ]);
    // With a key, no such warning.
    expect((await run(['lookup', '--email', 'jane@example.com'])).err).not.toContain('sandbox');
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
    expect(sandbox().state().requests.total).toBe(0);
  });
});

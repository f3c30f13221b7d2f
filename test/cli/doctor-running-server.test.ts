/**
 * `npm run doctor` while the server runs: the file store is locked by it (one process per store
 * folder), so the doctor reads the saved settings and the outbox through the server, or says
 * plainly that it cannot (skipped checks), never "none saved yet" as a pass.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/escalation/settings.js';
import { createFileStore } from '../../src/escalation/stores/index.js';
import { ADMIN_TOKEN, SUPPORT_TEAM, useDoctorFixture } from './support/doctor-fixture.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { closedPort } from './support/region-server.js';

const { withFileStore, doctor, sandbox } = useDoctorFixture();
const RULE = { id: 'billing', intents: ['billing'], teamId: SUPPORT_TEAM, priority: 4 };
let app: AppServer | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** The lock as another live process leaves it (our parent: alive, and not us). */
function lockByAnotherProcess(dir: string): void {
  writeFileSync(join(dir, 'store.lock'), String(process.ppid));
}

async function savedStore() {
  return withFileStore({
    settings: { ...defaultSettings({ defaultTeamId: SUPPORT_TEAM }), routingRules: [RULE] },
  });
}

describe('the doctor beside a running server', () => {
  it('reads the saved settings and the outbox through the server that holds the store', async () => {
    const env = await savedStore();
    const store = await createFileStore({ dir: env.STORE_DIR! });
    app = await startAppServer(
      sandbox(),
      { KUSTOMER_API_KEY: env.KUSTOMER_API_KEY!, ADMIN_TOKEN },
      { store },
    );
    lockByAnotherProcess(env.STORE_DIR!);
    const { row } = await doctor({ ...env, APP_URL: app.url });
    expect(row('store.reachable')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining(`read through it at ${app.url}`),
    });
    expect(row('settings.valid')).toMatchObject({
      status: 'pass',
      detail: `read through the running server at ${app.url}`,
    });
    expect(row('settings.default-team')).toMatchObject({ status: 'pass' });
    expect(row('settings.routing')).toMatchObject({
      status: 'pass',
      detail: '1 rules, every team exists',
    });
    expect(row('outbox.draining')).toMatchObject({ status: 'pass', detail: 'nothing waiting' });
  });

  it('says plainly that it cannot read the settings when the server does not answer, as skips', async () => {
    const env = await savedStore();
    lockByAnotherProcess(env.STORE_DIR!);
    const port = String(await closedPort());
    const { report, row } = await doctor({ ...env, PORT: port });
    for (const id of ['settings.valid', 'settings.default-team', 'settings.routing']) {
      expect(row(id)).toMatchObject({
        status: 'skip',
        detail: expect.stringMatching(
          /^the saved settings cannot be read: the file store is in use/,
        ),
      });
    }
    expect(row('settings.valid').detail).toContain(`127.0.0.1:${port}`);
    expect(row('store.reachable').status).toBe('warn');
    expect(report.checks.map((c) => c.detail)).not.toContain(
      'none saved yet: the environment defaults apply',
    );
  });
});

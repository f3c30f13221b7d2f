// The Next.js example from the packed tarball: install, `next build`, `next start`, and an
// escalation in chromium through the catch-all route handler under /api/kustomer.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  escalateInBrowser,
  installExample,
  log,
  packOnce,
  sh,
  startServer,
} from '../support/harness.mjs';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const ADMIN_TOKEN = 'example-admin-token-0123456789abcdef';
const env = { NEXT_TELEMETRY_DISABLED: '1' };

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

packOnce();
installExample(DIR);
const NEXT = join(DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
sh(process.execPath, [NEXT, 'build'], DIR, env);

const port = await freePort();
// Node itself, not npx: SIGTERM then reaches the server.
const server = startServer(
  process.execPath,
  [NEXT, 'start', '-p', String(port), '-H', '127.0.0.1'],
  DIR,
  {
    ...env,
    STORE: 'memory',
    ADMIN_TOKEN,
  },
);
try {
  const url = await server.url;
  await escalateInBrowser({ url, api: '/api/kustomer', adminToken: ADMIN_TOKEN });
  log('next.js example passed');
} catch (error) {
  console.error(server.output());
  throw error;
} finally {
  await server.stop();
}

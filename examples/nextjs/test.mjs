// The Next.js example from the packed tarball: install, `next build`, `next start` (on the PORT
// the harness picks), and an escalation in chromium through the catch-all route handler under
// /api/kustomer.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testExample } from '../support/harness.mjs';

const DIR = fileURLToPath(new URL('.', import.meta.url));
// Node itself, not npx: SIGTERM then reaches the server.
const NEXT = join(DIR, 'node_modules', 'next', 'dist', 'bin', 'next');

await testExample({
  name: 'next.js',
  dir: DIR,
  env: { NEXT_TELEMETRY_DISABLED: '1' },
  build: [process.execPath, NEXT, 'build'],
  server: [process.execPath, NEXT, 'start', '-H', '127.0.0.1'],
  api: '/api/kustomer',
});

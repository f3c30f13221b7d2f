// The Express example from the packed tarball: install, build, check that the button's chunk
// stays under 8 KB gzipped in this host's build, start server.js, escalate in chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { assert, log, testExample } from '../support/harness.mjs';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const BUTTON_LIMIT = 8 * 1024;

// What the button costs the host: every chunk the page loads only when the button renders
// (the ones index.html neither runs nor preloads), gzipped.
function checkButtonChunk() {
  const assets = join(DIR, 'dist', 'assets');
  const entryHtml = readFileSync(join(DIR, 'dist', 'index.html'), 'utf8');
  const lazy = readdirSync(assets).filter(
    (name) => name.endsWith('.js') && !entryHtml.includes(name),
  );
  const source = (name) => readFileSync(join(assets, name), 'utf8');
  assert(
    lazy.some((name) => source(name).includes('Talk to a human')),
    `the button's code is in a chunk of its own, loaded on first render (${lazy.join(', ')})`,
  );
  const gzipped = lazy.reduce((sum, name) => sum + gzipSync(source(name), { level: 9 }).length, 0);
  log(`button chunk(s) ${lazy.join(', ')}: ${gzipped} bytes gzipped`);
  assert(gzipped < BUTTON_LIMIT, `the button's chunk is under 8 KB gzipped (${gzipped} B)`);
}

await testExample({
  name: 'express',
  dir: DIR,
  build: ['npm', 'run', 'build'],
  checkBuild: checkButtonChunk,
  server: [process.execPath, 'server.js'],
  api: '/api',
});

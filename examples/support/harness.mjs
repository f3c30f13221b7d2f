/**
 * What both example tests share: the packed tarball, installing it into an example like any
 * registry package, building, starting the example's server on a free port, and an escalation
 * in Debian's chromium through playwright-core (never a downloaded browser). Each example's
 * test.mjs names only what is its own: how it builds, how it starts, where it mounts the API.
 * Plain Node ESM: the examples are not part of the root's tsc/eslint/vitest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(EXAMPLES);
/** Where each example's package.json expects the tarball (`file:../.pack/kustomer-escalation.tgz`). */
export const TARBALL = join(EXAMPLES, '.pack', 'kustomer-escalation.tgz');
/**
 * A tarball packed already by the caller (CI packs once for the package test and both
 * examples); without it, the examples pack the working tree afresh.
 */
export const PACKED_ENV = 'KUSTOMER_ESCALATION_TARBALL';
const ADMIN_TOKEN = 'example-admin-token-0123456789abcdef';

export function log(message) {
  console.log(`[examples] ${message}`);
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

export function sh(command, args, cwd, env = {}) {
  const started = Date.now();
  const shown = `${cwd.replace(ROOT, '.')}: ${command.replace(process.execPath, 'node')} ${args.join(' ')}`;
  log(shown);
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  log(`${shown}: done in ${seconds(started)}`);
}

/** `npm pack` at the root (its prepack builds lib/) into `dir`; returns the tarball's path. */
export function pack(dir) {
  mkdirSync(dir, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'kustomer-escalation-pack-'));
  try {
    sh('npm', ['pack', '--pack-destination', out], ROOT);
    const [file] = readdirSync(out).filter((name) => name.endsWith('.tgz'));
    copyFileSync(join(out, file), join(dir, 'kustomer-escalation.tgz'));
    return join(dir, 'kustomer-escalation.tgz');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The tarball at examples/.pack/: the one named by KUSTOMER_ESCALATION_TARBALL, or packed now. */
export function packOnce() {
  const given = process.env[PACKED_ENV];
  if (!given) return pack(dirname(TARBALL));
  if (resolve(given) !== TARBALL) {
    mkdirSync(dirname(TARBALL), { recursive: true });
    copyFileSync(given, TARBALL);
  }
  log(`using the tarball packed already (${given})`);
  return TARBALL;
}

/**
 * The example's own dependencies plus the tarball: copied into node_modules like a registry
 * package, never linked to the repository. `--prefer-offline`: what npm has cached (the root's
 * `npm ci` fills the cache with React, Vite and the package's own dependencies) is not
 * revalidated against the registry.
 */
export function installExample(dir) {
  rmSync(join(dir, 'node_modules', 'kustomer-escalation'), { recursive: true, force: true });
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--install-links',
      '--prefer-offline',
    ],
    dir,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** Starts the server and resolves its URL once it prints one (it listens by then). */
function startServer([command, ...args], cwd, env) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const found = /(http:\/\/(?:127\.0\.0\.1|localhost):\d+)/.exec(output);
      if (found) resolve(found[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
    // unref: once the test is over, this timer must not keep Node running for two minutes.
    setTimeout(
      () => reject(new Error(`server did not start in 120 s:\n${output}`)),
      120_000,
    ).unref();
  });
  return {
    url,
    output: () => output,
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** playwright-core from the repository's own dev dependencies, driving Debian's chromium. */
async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
    (path) => path && existsSync(path),
  );
  if (!executablePath) throw new Error('Chromium not found: apt-get install chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
}

/**
 * The escalation a customer makes in the example's page, end to end: press the button, see the
 * conversation in the (sandbox) Kustomer, an agent answers there, the answer shows in the page.
 * `api` is where the example mounted the server; the agent answers through the Integrations
 * page's sandbox endpoint with the admin token.
 */
async function escalateInBrowser({ url, api }) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const failures = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(url);
    await page.getByRole('button', { name: 'Talk to a human' }).click();
    await page.getByText(/You're connected with/).waitFor({ timeout: 30_000 });
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const state = await (
      await fetch(`${url}${api}/integrations/kustomer/sandbox`, { headers })
    ).json();
    const conversation = state.conversations.at(-1);
    if (!conversation) throw new Error(`no conversation in the sandbox: ${JSON.stringify(state)}`);
    const reply = await fetch(
      `${url}${api}/integrations/kustomer/sandbox/conversations/${conversation.id}/agent-reply`,
      { method: 'POST', headers, body: JSON.stringify({ text: 'Hi, Sam from support here.' }) },
    );
    if (!reply.ok) throw new Error(`agent reply: ${reply.status} ${await reply.text()}`);
    await page.getByText('Hi, Sam from support here.').waitFor({ timeout: 30_000 });
    if (failures.length) throw new Error(`page errors: ${failures.join('; ')}`);
    log(`escalated: conversation ${conversation.id}, the agent's reply shown in the page`);
  } finally {
    await browser.close();
  }
}

/**
 * One example's whole test, from the packed tarball: install, build, `checkBuild` (what this
 * host asserts of its build), start `server` with PORT set to a free port, then the escalation in
 * chromium against the API mounted at `api`. The server runs on the embedded sandbox (no key),
 * with a memory store and the admin token the agent's reply needs.
 */
export async function testExample({
  name,
  dir,
  build,
  checkBuild = () => {},
  server,
  api,
  env = {},
}) {
  const started = Date.now();
  packOnce();
  installExample(dir);
  sh(build[0], build.slice(1), dir, env);
  checkBuild();
  const port = await freePort();
  const running = startServer(server, dir, {
    ...env,
    PORT: String(port),
    STORE: 'memory',
    ADMIN_TOKEN,
  });
  try {
    const url = await running.url;
    await escalateInBrowser({ url, api });
    log(`${name} example passed in ${seconds(started)}`);
  } catch (error) {
    console.error(`[examples] ${name} server output:\n${running.output()}`);
    throw error;
  } finally {
    await running.stop();
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
  log(`ok: ${message}`);
}

/**
 * What both example tests share: the packed tarball (npm pack at the repository root, once, into
 * examples/.pack/), installing it into an example like any registry package, starting the
 * example's server and reading its URL, and Debian's chromium through playwright-core (never a
 * downloaded browser). Plain Node ESM: the examples are not part of the root's tsc/eslint/vitest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(EXAMPLES);
export const TARBALL = join(EXAMPLES, '.pack', 'kustomer-escalation.tgz');

export function log(message) {
  console.log(`[examples] ${message}`);
}

export function sh(command, args, cwd, env = {}) {
  log(`${cwd.replace(ROOT, '.')}: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
}

/** npm pack at the root (its prepack builds lib/), unless a tarball is already there. */
export function packOnce() {
  if (existsSync(TARBALL) && process.env.REPACK !== '1') return TARBALL;
  const out = mkdtempSync(join(tmpdir(), 'kustomer-escalation-pack-'));
  sh('npm', ['pack', '--pack-destination', out], ROOT);
  const [file] = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  mkdirSync(dirname(TARBALL), { recursive: true });
  copyFileSync(join(out, file), TARBALL);
  rmSync(out, { recursive: true, force: true });
  return TARBALL;
}

/**
 * The example's own dependencies plus the tarball (its package.json names
 * `file:../.pack/kustomer-escalation.tgz`): copied into node_modules like a registry package,
 * never linked to the repository.
 */
export function installExample(dir) {
  rmSync(join(dir, 'node_modules', 'kustomer-escalation'), { recursive: true, force: true });
  sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--install-links'], dir);
}

/** Starts `command` and resolves with the first http://127.0.0.1:PORT it prints. */
export function startServer(command, args, cwd, env) {
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
    setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
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
export async function launchChromium() {
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
export async function escalateInBrowser({ url, api, adminToken }) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const failures = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(url);
    await page.getByRole('button', { name: 'Talk to a human' }).click();
    await page.getByText(/You're connected with/).waitFor({ timeout: 30_000 });
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
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
    return conversation;
  } finally {
    await browser.close();
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
  log(`ok: ${message}`);
}

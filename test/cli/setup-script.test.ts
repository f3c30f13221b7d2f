/**
 * setup-kustomer.sh, run with bash on a temporary copy of itself and .env.template, with
 * --skip-install and a recording `npm` first on PATH: no network, no install. The written .env is
 * checked with the server's own env loader, so the script and the app cannot disagree unnoticed.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
} from 'node:fs';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerEnv } from '../../src/server/env.js';

const ROOT = join(import.meta.dirname, '..', '..');
const KEY = 'canary-kustomer-key-7f3e9a1c5b2d4e6f';
const TEAM = '5f0c1e2d3a4b5c6d7e8f9a0b';
const dirs: string[] = [];

// Records its arguments and whether it got the key, prints its arguments (a key among them would
// show up in the output checks), and exits with FAKE_NPM_EXIT.
const FAKE_NPM = `#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_NPM_LOG"
printf 'key-in-env:%s\\n' "$([ "$KUSTOMER_API_KEY" = "$EXPECT_KEY" ] && echo yes || echo no)" >> "$FAKE_NPM_LOG"
echo "npm $*"
exit "\${FAKE_NPM_EXIT:-0}"
`;

/** A copy of the script; `installed`: with node_modules as npm ci leaves it (tsx in .bin). */
function workdir({ installed = true } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'setup-kustomer-'));
  dirs.push(dir);
  copyFileSync(join(ROOT, 'setup-kustomer.sh'), join(dir, 'setup-kustomer.sh'));
  copyFileSync(join(ROOT, '.env.template'), join(dir, '.env.template'));
  writeFileSync(join(dir, 'npm'), FAKE_NPM);
  chmodSync(join(dir, 'npm'), 0o755);
  if (installed) {
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', '.bin', 'tsx'), '');
  }
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  dir: string,
  args: string[] = [],
  options: { env?: Record<string, string>; input?: string; path?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['setup-kustomer.sh', '--skip-install', ...args], {
      cwd: dir,
      // A clean environment: nothing from the machine running the tests leaks in.
      env: {
        PATH: `${options.path ?? dir}:${process.env.PATH}`,
        HOME: dir,
        FAKE_NPM_LOG: join(dir, 'npm.log'),
        EXPECT_KEY: KEY,
        ...options.env,
      },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`setup-kustomer.sh did not finish: ${stdout}${stderr}`));
    }, 15_000);
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const envText = (dir: string) => readFileSync(join(dir, '.env'), 'utf8');
const envOf = (dir: string) => parseEnv(envText(dir)) as Record<string, string>;
const leftovers = (dir: string) => readdirSync(dir).filter((f) => /^\.env\.(?!template$)/.test(f));
const npmLog = (dir: string) =>
  existsSync(join(dir, 'npm.log')) ? readFileSync(join(dir, 'npm.log'), 'utf8') : '';

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('setup-kustomer.sh', () => {
  it('creates .env in sandbox mode with generated admin and cron secrets the server accepts', async () => {
    const dir = workdir();
    const result = await run(dir);
    expect(result.code, result.stderr).toBe(0);
    const env = envOf(dir);
    expect(env.KUSTOMER_API_KEY).toBe('');
    expect(env.ADMIN_TOKEN).toMatch(/^[0-9a-f]{64}$/);
    expect(env.CRON_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(env.CRON_SECRET).not.toBe(env.ADMIN_TOKEN);
    expect(envText(dir)).toContain('# STORE=file'); // the template's documentation is kept
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(loadServerEnv(env).kustomer.mode).toBe('sandbox');
    expect(npmLog(dir)).toBe(''); // no key, so no connection test
    expect(result.stdout + result.stderr).not.toContain(env.ADMIN_TOKEN);
    expect(result.stdout).toContain('Sandbox mode');
  });

  it('keeps every value on a second run and never duplicates a line', async () => {
    const dir = workdir();
    await run(dir, ['--priority', 'high']);
    const first = envText(dir);
    expect((await run(dir)).code).toBe(0);
    expect(envText(dir)).toBe(first);
    expect((await run(dir, ['--subdomain', 'acme'])).code).toBe(0);
    const lines = envText(dir).split('\n');
    for (const name of ['KUSTOMER_SUBDOMAIN', 'KUSTOMER_DEFAULT_PRIORITY', 'ADMIN_TOKEN']) {
      expect(lines.filter((line) => line.startsWith(`${name}=`))).toHaveLength(1);
    }
    expect(envOf(dir)).toMatchObject({
      KUSTOMER_SUBDOMAIN: 'acme',
      KUSTOMER_DEFAULT_PRIORITY: 'high',
      ADMIN_TOKEN: parseEnv(first).ADMIN_TOKEN,
    });
  });

  it.each([
    [['--subdomain', 'acme.kustomerapp.com'], {}, 'KUSTOMER_SUBDOMAIN'],
    [['--region', 'uk'], {}, 'KUSTOMER_REGION'],
    [['--team', 'not-a-team'], {}, 'KUSTOMER_DEFAULT_TEAM_ID'],
    [['--priority', 'critical'], {}, 'KUSTOMER_DEFAULT_PRIORITY'],
    [['--app-url', 'chat.example.com'], {}, 'APP_URL'],
    [['--api-base-url', 'ftp://files.example.com'], {}, 'KUSTOMER_API_BASE_URL'],
    [[], { KUSTOMER_API_KEY: 'too-short' }, 'KUSTOMER_API_KEY'],
    [[], { ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [[], { CRON_SECRET: 'short' }, 'CRON_SECRET'],
    [[], { KUSTOMER_WEBHOOK_SECRET: 'short' }, 'KUSTOMER_WEBHOOK_SECRET'],
  ])('rejects %j %j naming %s, and leaves .env as it was', async (args, env, name) => {
    const fresh = workdir();
    const refused = await run(fresh, args, { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(name);
    expect(existsSync(join(fresh, '.env'))).toBe(false);

    const dir = workdir();
    await run(dir);
    const before = envText(dir);
    expect((await run(dir, args, { env })).code).toBe(2);
    expect(envText(dir)).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails on an invalid value already in .env, naming it, instead of keeping it', async () => {
    const dir = workdir();
    await run(dir);
    writeFileSync(
      join(dir, '.env'),
      envText(dir).replace(/^KUSTOMER_REGION=.*$/m, 'KUSTOMER_REGION=uk'),
    );
    const result = await run(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/KUSTOMER_REGION.*\.env/);
  });

  // Each case: the variable, a value, and whether src/server/env.ts accepts it. The script must
  // agree with the loader, so .env never holds a value the server refuses at start-up.
  it.each([
    ['KUSTOMER_SUBDOMAIN', 'acme'],
    ['KUSTOMER_SUBDOMAIN', 'Acme-Support2'],
    ['KUSTOMER_SUBDOMAIN', 'a'.repeat(63)],
    ['KUSTOMER_SUBDOMAIN', 'a'.repeat(64)],
    ['KUSTOMER_SUBDOMAIN', '-acme'],
    ['KUSTOMER_SUBDOMAIN', 'ac_me'],
    ['KUSTOMER_SUBDOMAIN', 'https://acme.kustomerapp.com'],
    ['KUSTOMER_REGION', 'eu'],
    ['KUSTOMER_REGION', 'in'],
    ['KUSTOMER_REGION', 'prod2'],
    ['KUSTOMER_DEFAULT_TEAM_ID', TEAM],
    ['KUSTOMER_DEFAULT_TEAM_ID', TEAM.slice(1)],
    ['KUSTOMER_DEFAULT_TEAM_ID', `${TEAM}0`],
    ['KUSTOMER_DEFAULT_TEAM_ID', TEAM.toUpperCase()],
    ['KUSTOMER_DEFAULT_PRIORITY', '1'],
    ['KUSTOMER_DEFAULT_PRIORITY', '5'],
    ['KUSTOMER_DEFAULT_PRIORITY', '0'],
    ['KUSTOMER_DEFAULT_PRIORITY', '6'],
    ['KUSTOMER_DEFAULT_PRIORITY', '2.5'],
    ['KUSTOMER_DEFAULT_PRIORITY', 'lowest'],
    ['KUSTOMER_DEFAULT_PRIORITY', 'Urgent'],
    ['KUSTOMER_DEFAULT_PRIORITY', 'critical'],
    ['APP_URL', 'https://chat.example.com'],
    ['APP_URL', 'http://localhost:5173/app'],
    ['APP_URL', 'chat.example.com'],
    ['KUSTOMER_API_BASE_URL', 'http://127.0.0.1:4010'],
    ['KUSTOMER_API_BASE_URL', 'api.kustomerapp.com'],
    ['ADMIN_TOKEN', 'x'.repeat(16)],
    ['ADMIN_TOKEN', 'x'.repeat(15)],
    ['CRON_SECRET', 'y'.repeat(16)],
    ['CRON_SECRET', 'y'.repeat(15)],
    ['KUSTOMER_WEBHOOK_SECRET', 'whsec-01'],
    ['KUSTOMER_WEBHOOK_SECRET', 'whsec-0'],
    ['KUSTOMER_API_KEY', 'k'.repeat(20)],
    ['KUSTOMER_API_KEY', 'k'.repeat(19)],
  ])('agrees with the server on %s=%s', async (name, value) => {
    const base = name === 'ADMIN_TOKEN' ? {} : { ADMIN_TOKEN: 'a'.repeat(32) };
    let serverAccepts = true;
    try {
      loadServerEnv({ ...base, [name]: value });
    } catch (error) {
      serverAccepts = false;
      expect(String(error)).toContain(name);
    }
    const dir = workdir();
    const result = await run(dir, ['--skip-connection-test'], { env: { [name]: value } });
    expect(result.code === 0, result.stderr).toBe(serverAccepts);
    if (serverAccepts) expect(() => loadServerEnv(envOf(dir))).not.toThrow();
    else expect(result.stderr).toContain(name);
  });

  it('after --skip-install without node_modules, skips the connection test and starts the next steps with npm ci', async () => {
    const dir = workdir({ installed: false });
    const result = await run(dir, ['--subdomain', 'acme'], { env: { KUSTOMER_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(0);
    // The connection test runs through tsx, which is not there yet: it would fail as "tsx: not found".
    expect(npmLog(dir)).toBe('');
    expect(result.stdout).toContain(
      'Skipping the connection test: the dependencies are not installed',
    );
    const steps = result.stdout.slice(result.stdout.indexOf('Next steps:')).split('\n');
    expect(steps[1]).toMatch(/^ {2}npm ci +install the dependencies first/);
    const sandbox = await run(workdir({ installed: false }));
    expect(sandbox.stdout).toMatch(/Next steps:\n {2}npm ci /);
    const installed = await run(workdir());
    expect(installed.stdout).not.toMatch(/^ {2}npm ci /m);
  });

  it('writes the key from the environment to .env, passes it to the connection test in the environment, and never prints it', async () => {
    const dir = workdir();
    const result = await run(dir, ['--subdomain', 'acme', '--team', TEAM], {
      env: { KUSTOMER_API_KEY: KEY },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(envOf(dir)).toMatchObject({ KUSTOMER_API_KEY: KEY, KUSTOMER_DEFAULT_TEAM_ID: TEAM });
    expect(npmLog(dir)).toBe('run --silent kustomer -- test-connection\nkey-in-env:yes\n');
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toContain(KEY);
      expect(output).not.toContain(KEY.slice(-12));
    }
    expect(loadServerEnv(envOf(dir)).kustomer).toMatchObject({
      mode: 'live',
      baseUrl: 'https://acme.api.kustomerapp.com',
    });
  });

  it('reads the key from the variable --api-key-env names', async () => {
    const dir = workdir();
    const result = await run(dir, ['--api-key-env', 'MY_KUSTOMER_KEY'], {
      env: { MY_KUSTOMER_KEY: KEY },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(envOf(dir).KUSTOMER_API_KEY).toBe(KEY);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it('exits 3 with .env saved when the connection test fails', async () => {
    const dir = workdir();
    const result = await run(dir, [], { env: { KUSTOMER_API_KEY: KEY, FAKE_NPM_EXIT: '1' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('connection test failed');
    expect(envOf(dir).KUSTOMER_API_KEY).toBe(KEY);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it('with --provision-webhook, provisions through npm run kustomer -- webhooks provision after the connection test, the key and APP_URL in its environment', async () => {
    const dir = workdir();
    const result = await run(
      dir,
      ['--subdomain', 'acme', '--app-url', 'https://chat.example.com', '--provision-webhook'],
      { env: { KUSTOMER_API_KEY: KEY } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(npmLog(dir)).toBe(
      'run --silent kustomer -- test-connection\nkey-in-env:yes\n' +
        'run --silent kustomer -- webhooks provision\nkey-in-env:yes\n',
    );
    expect(result.stdout).not.toContain('npm run kustomer -- webhooks provision');
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it('does not provision the webhook unasked, and names the command in the next steps', async () => {
    const dir = workdir();
    const result = await run(dir, ['--subdomain', 'acme'], { env: { KUSTOMER_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(0);
    expect(npmLog(dir)).not.toContain('webhooks');
    expect(result.stdout).toContain('npm run kustomer -- webhooks provision');
    const skipped = await run(
      workdir(),
      ['--subdomain', 'acme', '--interactive', '--skip-webhook'],
      {
        env: { KUSTOMER_API_KEY: KEY },
        input: '\n'.repeat(20),
      },
    );
    expect(skipped.stderr).not.toContain('outbound webhook');
  });

  it('exits 4 with .env saved when the webhook cannot be provisioned', async () => {
    const dir = workdir();
    const result = await run(dir, ['--skip-connection-test', '--provision-webhook'], {
      env: { KUSTOMER_API_KEY: KEY, FAKE_NPM_EXIT: '1' },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('webhook could not be provisioned');
    expect(envOf(dir).KUSTOMER_API_KEY).toBe(KEY);
  });

  it('refuses the key as a command-line argument without echoing it', async () => {
    const dir = workdir();
    const result = await run(dir, [`--api-key=${KEY}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('KUSTOMER_API_KEY');
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });

  it('finishes without prompting when stdin is closed, and fails fast when forced to prompt', async () => {
    const dir = workdir();
    const closed = await run(dir, [], { input: '' });
    expect(closed.code).toBe(0);
    expect(closed.stderr).not.toContain('Kustomer API key');

    const forced = await run(workdir(), ['--interactive'], { input: '' });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain('no answer for KUSTOMER_API_KEY');
  });

  it('asks again on a prompt until each value is valid, without echoing the key', async () => {
    const dir = workdir();
    const answers = [
      'short',
      KEY,
      'acme.kustomerapp.com',
      'acme',
      TEAM.slice(2),
      TEAM,
      'critical',
      'urgent',
      '',
      'chat.example.com',
      'https://chat.example.com',
    ];
    const result = await run(dir, ['--interactive'], { input: `${answers.join('\n')}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(/try again/g)).toHaveLength(5);
    expect(envOf(dir)).toMatchObject({
      KUSTOMER_API_KEY: KEY,
      KUSTOMER_SUBDOMAIN: 'acme',
      KUSTOMER_DEFAULT_TEAM_ID: TEAM,
      KUSTOMER_DEFAULT_PRIORITY: 'urgent',
      KUSTOMER_WEBHOOK_SECRET: '',
      APP_URL: 'https://chat.example.com',
    });
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it('refuses a Node.js older than 20.19 before touching anything', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'node'), '#!/bin/sh\necho 20.18.3\n');
    chmodSync(join(dir, 'node'), 0o755);
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Node.js 20.19 or newer is required; found 20.18.3');
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });
});

describe('.env.template', () => {
  const template = readFileSync(join(ROOT, '.env.template'), 'utf8');
  const source = ['src/kustomer/config.ts', 'src/server/env.ts']
    .map((file) => readFileSync(join(ROOT, file), 'utf8'))
    .join('\n');
  // Schema keys (`  KUSTOMER_REGION: z...`) and direct reads (`env.VERCEL`, `blankless.KV_URL`).
  const read = new Set([
    ...[...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!),
    ...[...source.matchAll(/\b(?:env|blankless)\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!),
  ]);

  it('documents every variable the env loaders read', () => {
    expect(read.size).toBeGreaterThanOrEqual(25);
    expect(read).toContain('KUSTOMER_API_KEY');
    expect(read).toContain('UPSTASH_REDIS_URL');
    const missing = [...read].filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(template));
    expect(missing).toEqual([]);
  });

  it('has every one of them in the README configuration table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Operator'));
    expect([...read].filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  it('holds no values for secrets and warns that VITE_ variables are public', () => {
    for (const name of [
      'KUSTOMER_API_KEY',
      'ADMIN_TOKEN',
      'CRON_SECRET',
      'KUSTOMER_WEBHOOK_SECRET',
    ]) {
      expect(template).toMatch(new RegExp(`^${name}=$`, 'm'));
    }
    expect(template).toMatch(/VITE_ variables are compiled into the browser bundle/);
  });
});

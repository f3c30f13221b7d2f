/**
 * Builds the app once per test run and starts the production server (`npm start`'s entry point)
 * on a free port, in sandbox mode with its own store directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SERVER_ENTRY = join(ROOT, 'dist-server/src/server/node-server.js');
let built = false;

export function buildOnce(): void {
  if (built) return;
  for (const args of [
    ['vite', 'build'],
    ['tsc', '-p', 'tsconfig.server.json'],
  ]) {
    const result = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    }
  }
  if (!existsSync(SERVER_ENTRY)) throw new Error(`build did not produce ${SERVER_ENTRY}`);
  built = true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startBuiltApp(env: Record<string, string> = {}): Promise<RunningApp> {
  buildOnce();
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'kustomer-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      STORE: 'file',
      STORE_DIR: storeDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/**
 * The production server (`npm start`'s entry point) on the app the e2e project's global setup
 * built for this run, on a free port, in sandbox mode with its own store directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { AppBuildStatus } from './app-build.global.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SERVER_ENTRY = join(ROOT, 'dist-server/src/server/node-server.js');
const BUILD_WAIT_MS = 300_000;

/** Waits for the run's build (app-build.global.ts), and fails with its output if it failed. */
export async function appBuilt(): Promise<void> {
  const statusFile = inject('appBuildStatus');
  const deadline = Date.now() + BUILD_WAIT_MS;
  while (!existsSync(statusFile)) {
    if (Date.now() > deadline)
      throw new Error(`npm run build did not finish in ${BUILD_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const status = JSON.parse(readFileSync(statusFile, 'utf8')) as AppBuildStatus;
  if (!status.ok) throw new Error(`npm run build failed:\n${status.output}`);
  if (!existsSync(SERVER_ENTRY)) throw new Error(`build did not produce ${SERVER_ENTRY}`);
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
  await appBuilt();
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

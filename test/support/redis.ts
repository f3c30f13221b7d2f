/**
 * A real redis-server for the Redis store tests: Debian's package, on a free port, in its own
 * temp folder, with the append-only file on (what the admin guide asks for, and what the doctor
 * checks) unless `persistence: 'none'`. REDIS_URL, when set, points the tests at an existing
 * server instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

const BINARIES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPing(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {}); // refused while the server starts; the loop retries
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`redis-server at ${url} did not answer PING`);
}

export interface RedisOptions {
  /** 'aof': appendonly yes, appendfsync everysec; 'none': no AOF and no snapshots. @default 'aof' */
  persistence?: 'aof' | 'none';
  /** Reuse this folder and port (a restart after a crash). */
  dir?: string;
  port?: number;
}

export interface RedisHandle {
  url: string;
  port: number;
  dir: string;
  /** SIGTERM (Redis writes what it must and exits). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing written on the way out; the folder is kept for a restart. */
  kill(): Promise<void>;
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisHandle> {
  if (process.env.REDIS_URL)
    return {
      url: process.env.REDIS_URL,
      port: Number(new URL(process.env.REDIS_URL).port),
      dir: '',
      stop: async () => {},
      kill: async () => {},
    };
  const binary = BINARIES.find((path) => existsSync(path));
  if (!binary) {
    throw new Error(
      'redis-server is not installed: apt-get install redis-server (or set REDIS_URL)',
    );
  }
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'redis-'));
  const persistence =
    (options.persistence ?? 'aof') === 'aof'
      ? ['--appendonly', 'yes', '--appendfsync', 'everysec']
      : ['--appendonly', 'no'];
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return {
    url,
    port,
    dir,
    async stop() {
      await end('SIGTERM');
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
    kill: () => end('SIGKILL'),
  };
}

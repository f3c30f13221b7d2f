/**
 * Runs a CLI entry file as a real child process (the local tsx binary, as the npm scripts do, but
 * without npm's own start-up and notices) in a chosen working directory with exactly the given
 * environment, and collects stdout, stderr and the exit code.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(
  entry: 'main' | 'doctor-main' | 'smoke-main',
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'src', 'cli', `${entry}.ts`), ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

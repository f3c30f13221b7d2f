/**
 * Global setup of the e2e project: builds the app (`npm run build`: dist/ and dist-server/) once
 * per run, in the background, so the node and ui files run meanwhile. The e2e files run two at a
 * time, so the build cannot be left to each of them (two `vite build`s would empty each other's
 * dist/): each waits for this one (`appBuilt` in built-app.ts), which writes its exit status to
 * the file it provides as `appBuildStatus`. In watch mode, a rerun of e2e files builds again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = new URL('../../../', import.meta.url).pathname;

export interface AppBuildStatus {
  ok: boolean;
  output: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    appBuildStatus: string;
  }
}

/** `npm run build` in its own process group (stop() ends vite or tsc too); the status when done. */
function startBuild(statusFile: string) {
  rmSync(statusFile, { force: true });
  let output = '';
  let stopped = false;
  const report = (status: AppBuildStatus) => {
    if (stopped) return;
    // Written whole, then renamed: a reader never sees half of it.
    writeFileSync(`${statusFile}.part`, JSON.stringify(status));
    renameSync(`${statusFile}.part`, statusFile);
  };
  const child = spawn('npm', ['run', 'build'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('error', (error) => report({ ok: false, output: `${output}\n${error.message}` }));
  child.once('exit', (code, signal) =>
    report({ ok: code === 0, output: `${output}\nnpm run build: exit ${code ?? signal}` }),
  );
  return {
    async stop() {
      stopped = true;
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return; // the group ended meanwhile
      }
      await exited;
    },
  };
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kustomer-e2e-build-'));
  const statusFile = join(dir, 'status.json');
  let build = startBuild(statusFile);
  project.provide('appBuildStatus', statusFile);
  project.onTestsRerun(async (specs) => {
    if (!specs.some((spec) => spec.project.name === project.name)) return;
    await build.stop();
    build = startBuild(statusFile);
  });
  return async () => {
    await build.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

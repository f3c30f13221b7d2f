/**
 * A sandbox per test file on an ephemeral port: `const sandbox = await startTestSandbox()` in
 * beforeAll and `await sandbox.close()` in afterAll.
 */
import { startSandbox } from '../../src/sandbox/server.js';
import type { SandboxHandle, SandboxOptions } from '../../src/sandbox/types.js';

export async function startTestSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ port: 0, ...options });
}

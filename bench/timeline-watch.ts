/**
 * Watches the sandbox (in-process, no request counted) for the moment an escalation's transcript
 * is complete on its conversation's timeline: resolves with that time (performance.now()).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxHandle } from '../src/sandbox/types.js';

const EVERY_MS = 10;

export async function createTimeline(
  sandbox: SandboxHandle,
  escalationId: string,
  lines: number,
  timeoutMs = 120_000,
): Promise<number> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const state = sandbox.state();
    const conversation = state.conversations.find((c) => c.externalId === escalationId);
    const landed = conversation
      ? state.messages.filter((m) => m.conversationId === conversation.id).length
      : 0;
    if (landed >= lines) return performance.now();
    await sleep(EVERY_MS);
  }
  throw new Error(`the transcript of ${escalationId} did not land within ${timeoutMs} ms`);
}

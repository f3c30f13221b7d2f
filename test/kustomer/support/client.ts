/**
 * Test support for the Kustomer client: injected time (a clock, a sleep that records and advances
 * it, and limiter timers that record their waits), a recording logger, and a client wired to a
 * sandbox with all of them, so retry delays and limiter waits are asserted, never waited for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKustomerClient, type KustomerClientOptions } from '../../../src/kustomer/client.js';
import type { Logger } from '../../../src/platform/logger.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';

/** A minute boundary, so sandbox rate-limit windows start at a known offset. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export interface FakeTime {
  now(): number;
  advance(ms: number): void;
  set(epochMs: number): void;
  /** Every injected sleep (retry delays), in order. */
  sleeps: number[];
  sleep(ms: number): Promise<void>;
  /** Every limiter wait, in order. */
  waits: number[];
  timers: { now(): number; setTimeout(fn: () => void, ms: number): unknown };
  /** Fires the earliest pending limiter timer, moving the clock to its time. */
  fireNext(): boolean;
  pendingTimers(): number;
}

/**
 * @param autoFire fire limiter timers on their own (on the next turn of the event loop, with the
 * clock moved to their time); otherwise the test calls fireNext().
 */
export function createFakeTime(start = T0, autoFire = true): FakeTime {
  let now = start;
  const pending: { at: number; fn: () => void }[] = [];
  const time: FakeTime = {
    now: () => now,
    advance: (ms) => void (now += ms),
    set: (epochMs) => void (now = epochMs),
    sleeps: [],
    async sleep(ms) {
      time.sleeps.push(ms);
      now += ms;
    },
    waits: [],
    timers: {
      now: () => now,
      setTimeout(fn, ms) {
        time.waits.push(ms);
        pending.push({ at: now + ms, fn });
        if (autoFire) setImmediate(() => time.fireNext());
        return pending.length;
      },
    },
    fireNext() {
      if (pending.length === 0) return false;
      pending.sort((a, b) => a.at - b.at);
      const next = pending.shift()!;
      now = Math.max(now, next.at);
      next.fn();
      return true;
    },
    pendingTimers: () => pending.length,
  };
  return time;
}

export function buildClient(
  sandbox: Pick<SandboxHandle, 'url' | 'apiKey'>,
  time: FakeTime,
  overrides: Partial<KustomerClientOptions> = {},
) {
  return createKustomerClient({
    baseURL: sandbox.url,
    apiKey: sandbox.apiKey,
    clock: time.now,
    sleep: (ms) => time.sleep(ms),
    random: () => 0.5,
    timers: time.timers,
    ...overrides,
  });
}

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}

/** A plain HTTP server on port 0 for answers the sandbox never gives (e.g. a malformed 2xx). */
export async function startRawServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A transcript of `count` short lines, alternating customer and bot. */
export function transcript(count: number, prefix = 'line') {
  return Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    direction: (i % 2 === 0 ? 'in' : 'out') as 'in' | 'out',
    text: `${prefix} ${i}: hello`,
    sentAt: new Date(T0 + i * 1000).toISOString(),
  }));
}

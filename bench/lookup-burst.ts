/**
 * A burst of customer lookups, several minutes' worth of a low org rate limit, fired at once at
 * the sandbox: the module's client (the limiter paces to the org budget, so the burst waits) side
 * by side with a naive client (every request at once, no pacing, no retry). Prints requests sent,
 * 429s received from Kustomer, 429s surfaced to callers, and latency.
 *
 * The org's windows are whole minutes, as Kustomer's are, so the burst needs minutes of budget.
 * Both run on a clock that goes `speed` times faster than real time (the sandbox, the limiter and
 * the client's sleeps share it), so the run takes seconds; latencies are in that clock's time.
 * The module's client here is configured as a batch caller that would rather wait than fail
 * (maxRateLimitWaitMs of 10 minutes); the server's default fails fast after 15 s instead, so an
 * escalation queues rather than waits.
 *
 *   npx tsx bench/lookup-burst.ts
 */
import { pathToFileURL } from 'node:url';
import { createKustomerClient } from '../src/kustomer/client.js';
import { isRateLimitError } from '../src/kustomer/errors.js';
import { startSandbox } from '../src/sandbox/server.js';
import { percentile } from './percentile.js';

export interface BurstRow {
  client: 'module' | 'naive';
  lookups: number;
  'requests sent': number;
  '429s received': number;
  '429s surfaced': number;
  'other errors': number;
  'p50 s': number;
  'p95 s': number;
}

/** Starts one second into a fresh minute, so a run's place in the org's windows is always the same. */
function acceleratedClock(speed: number) {
  const realStart = Date.now();
  const start = Math.floor(realStart / 60_000) * 60_000 + 1_000;
  const now = () => start + (Date.now() - realStart) * speed;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / speed));
  const setTimer = (fn: () => void, ms: number) => setTimeout(fn, ms / speed).unref();
  return { now, sleep, setTimer };
}

export interface BurstOptions {
  /** @default 320 */
  lookups?: number;
  /** @default 100 */
  orgLimitPerMin?: number;
  /** How many times faster than real time the clock runs. @default 10 */
  speed?: number;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

async function burst(
  client: BurstRow['client'],
  { lookups, orgLimitPerMin, speed }: Required<BurstOptions>,
): Promise<BurstRow> {
  const clock = acceleratedClock(speed);
  const sandbox = await startSandbox({ orgRateLimitPerMin: orgLimitPerMin, now: clock.now });
  const emails = Array.from({ length: lookups }, (_, i) => `burst-${i}@example.com`);
  const times: number[] = [];
  let surfaced = 0;
  let otherErrors = 0;
  try {
    const module = createKustomerClient({
      baseURL: sandbox.url,
      apiKey: sandbox.apiKey,
      rateLimitPerMin: orgLimitPerMin,
      maxRateLimitWaitMs: 10 * 60_000,
      clock: clock.now,
      sleep: clock.sleep,
      timers: { now: clock.now, setTimeout: clock.setTimer },
    });
    const lookup =
      client === 'module'
        ? async (email: string) => {
            try {
              await module.customers.getByEmail(email);
            } catch (error) {
              if (isRateLimitError(error)) surfaced += 1;
              else otherErrors += 1;
            }
          }
        : async (email: string) => {
            const response = await fetch(
              `${sandbox.url}/v1/customers/email=${encodeURIComponent(email)}`,
              { headers: { authorization: `Bearer ${sandbox.apiKey}` } },
            );
            await response.arrayBuffer();
            if (response.status === 429) surfaced += 1;
            else if (response.status !== 200 && response.status !== 404) otherErrors += 1;
          };
    await Promise.all(
      emails.map(async (email) => {
        const started = clock.now();
        await lookup(email);
        times.push(clock.now() - started);
      }),
    );
    const { total, rateLimited } = sandbox.state().requests;
    return {
      client,
      lookups,
      'requests sent': total,
      '429s received': rateLimited,
      '429s surfaced': surfaced,
      'other errors': otherErrors,
      'p50 s': seconds(percentile(times, 50)),
      'p95 s': seconds(percentile(times, 95)),
    };
  } finally {
    await sandbox.close();
  }
}

export async function run(options: BurstOptions = {}): Promise<BurstRow[]> {
  const config = { lookups: 320, orgLimitPerMin: 100, speed: 10, ...options };
  const rows = [await burst('module', config), await burst('naive', config)];
  console.log(
    `\nLookup burst: ${config.lookups} lookups at once, org limit ${config.orgLimitPerMin}/min (clock ${config.speed}x real time)`,
  );
  console.table(rows);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}

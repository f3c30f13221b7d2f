/**
 * The canary sweep: with canary API keys, debug logging on and a capturing logger, provoke every
 * class of error (plus a server that echoes the Authorization header back in its error body)
 * and search everything captured, errors, causes, stacks, JSON and inspect() dumps included, for
 * the canaries.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKustomerError } from '../../src/kustomer/errors.js';
import { recordingLogger, startRawServer } from './support/client.js';
import { errorCases, startErrorWorld, thrownBy, type ErrorWorld } from './support/error-cases.js';

const CANARY = 'CANARYk7q9Xw2RfT5mZp8LbV3sNd';
const CANARY_NARROW = 'CANARYnarrow4Hj6Yt1GcQe0WuAo';
const CANARY_BAD = 'CANARYbad8Pz3Ks5Ve7Nm2Xq4Tb9';
const CANARIES = [CANARY, CANARY_NARROW, CANARY_BAD];

const logger = recordingLogger();
const captured: string[] = [];
let world: ErrorWorld;
let close: () => Promise<void>;
let echo: Awaited<ReturnType<typeof startRawServer>>;

/** Everything a careless caller might print about an error. */
function dump(error: unknown): string[] {
  const e = error as Error & { cause?: unknown };
  const out = [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
  ];
  for (let cause = e.cause, depth = 0; cause && depth < 5; depth += 1) {
    out.push(
      String(cause),
      JSON.stringify(cause),
      (cause as Error).stack ?? '',
      inspect(cause, { depth: 10 }),
    );
    cause = (cause as { cause?: unknown }).cause;
  }
  return out;
}

beforeAll(async () => {
  ({ world, close } = await startErrorWorld(CANARY, CANARY_NARROW, { debug: true, logger }));

  // A server that quotes the credential back, as a misbehaving gateway might.
  echo = await startRawServer((req, res) => {
    const status = req.url?.includes('email=') ? 400 : 401;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        errors: [{ code: 'bad', detail: `rejected ${req.headers.authorization ?? ''}` }],
      }),
    );
  });
});
afterAll(async () => {
  await echo.close();
  await close();
});

describe('the API key never leaks', () => {
  it.each(errorCases(CANARY_BAD, CANARY_NARROW).map((c) => [c.name, c] as const))(
    '%s',
    async (_name, errorCase) => {
      const error = await thrownBy(world, errorCase);
      expect(isKustomerError(error)).toBe(true);
      captured.push(...dump(error));
    },
  );

  it('not even when the server quotes the Authorization header back', async () => {
    const client = world.client({ baseURL: echo.url, maxRetries: 0 });
    for (const call of [
      () => client.customers.getByEmail('quoted@example.com'),
      () => client.auth.currentToken(),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/\(rejected Bearer \[redacted\]\)$/);
      captured.push(...dump(error));
    }
  });

  it('not in a debug dump of a body that happens to contain it', async () => {
    const client = world.client();
    const customer = await client.customers.create({ email: 'dump@example.com' });
    const conversation = await client.conversations.create({
      customerId: customer.id,
      name: 'x',
    });
    await client.notes.create(conversation.id, { body: `pasted by mistake: ${CANARY}` });
    expect(logger.lines.some((line) => line.includes('pasted by mistake: [redacted]'))).toBe(true);
  });

  it('appears nowhere in what was captured', () => {
    const everything = [...captured, ...logger.lines].join('\n');
    // The sweep is not vacuous: it saw every case, debug lines and retry lines.
    expect(captured.length).toBeGreaterThan(60);
    expect(logger.lines.filter((l) => l.startsWith('debug kustomer call')).length).toBeGreaterThan(
      10,
    );
    expect(logger.lines.some((l) => l.startsWith('debug kustomer retry'))).toBe(true);
    for (const canary of CANARIES) expect(everything).not.toContain(canary);
    expect(everything).not.toMatch(/CANARY[A-Za-z0-9]{6}/);
  });
});

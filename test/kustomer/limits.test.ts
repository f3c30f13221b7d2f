/**
 * Kustomer's limits, from its request schemas: externalIds fit in 256 characters (unique and
 * stable), phones go out in E.164, tags keep every character Kustomer's tag pattern allows. The
 * properties check the pure functions; the HTTP tests check what reaches the sandbox, which
 * validates every body against Kustomer's own schemas.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { liveExternalId } from '../../src/escalation/live/chat-messages.js';
import { fitExternalId, sanitizeTag, toE164 } from '../../src/kustomer/limits.js';
import { KUSTOMER_REQUEST_SCHEMAS } from '../../src/sandbox/kustomer-request-schemas.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime } from './support/client.js';

const ID_CHARS = 'abcXYZ019_.:-';
const id = (max: number) =>
  fc
    .array(fc.constantFrom(...ID_CHARS), { minLength: 1, maxLength: max })
    .map((chars) => chars.join(''));

describe('fitExternalId', () => {
  it("fits a later chat message's id in 256 too, apart from every transcript line", () => {
    fc.assert(
      fc.property(id(128), id(128), id(128), (escalation, message, other) => {
        const live = liveExternalId(escalation, message);
        expect(live.length).toBeLessThanOrEqual(256);
        expect(liveExternalId(escalation, message)).toBe(live);
        if (other !== message) expect(liveExternalId(escalation, other)).not.toBe(live);
        expect(live).not.toBe(fitExternalId(`${escalation}:${message}`));
      }),
    );
  });

  it('keeps an id that fits, and fits every longer one in 256, stable and without collisions', () => {
    fc.assert(
      fc.property(id(128), id(128), id(128), (a, b, c) => {
        const long = `${a}:${b}:p12`;
        const fitted = fitExternalId(long);
        expect(fitted.length).toBeLessThanOrEqual(256);
        expect(fitExternalId(long)).toBe(fitted);
        if (long.length <= 256) expect(fitted).toBe(long);
        const other = `${a}:${c}:p12`;
        if (other !== long) expect(fitExternalId(other)).not.toBe(fitted);
      }),
    );
  });

  it('two 128-character ids and a colon (257) no longer overflow', () => {
    const fitted = fitExternalId(`${'e'.repeat(128)}:${'m'.repeat(128)}`);
    expect(fitted).toHaveLength(256);
    expect(fitted.startsWith('e'.repeat(128))).toBe(true);
  });
});

describe('toE164', () => {
  it.each([
    ['+15555550123', '+15555550123'],
    ['15555550123', '+15555550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['442079460958', '+442079460958'],
    ['+33612345678', '+33612345678'],
  ])('%s -> %s', (given, e164) => expect(toE164(given)).toBe(e164));

  it('sends what cannot be a phone number anywhere as given, rather than guess', () => {
    expect(toE164('123456')).toBe('123456');
  });
});

describe('sanitizeTag', () => {
  const schema = KUSTOMER_REQUEST_SCHEMAS['conversation.create']!.properties as {
    tags: { items: { pattern: string } };
  };
  const pattern = new RegExp(schema.tags.items.pattern, 'u');

  it('keeps every character Kustomer allows, accented letters included', () => {
    for (const tag of ['café', 'Ärger', 'niño-2/3', 'a<b>.c_d', 'ÿ'])
      expect(sanitizeTag(tag)).toBe(tag);
  });

  it('makes any text a tag that matches Kustomer pattern (or an empty one, then dropped)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100, unit: 'binary' }), (text) => {
        const tag = sanitizeTag(text);
        if (tag !== '') expect(tag).toMatch(pattern);
      }),
    );
  });
});

describe('over HTTP, against the sandbox', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    // Bulk jobs that complete at once: the client here runs on fake time.
    sandbox = await startTestSandbox({ bulkJobMs: 0 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());
  const client = () => buildClient(sandbox, createFakeTime());

  it('creates and finds a customer by a phone given without +, stored in E.164', async () => {
    const created = await client().customers.findOrCreate({ phone: '15555550123' });
    expect(created.customer.phones).toEqual(['+15555550123']);
    const found = await client().customers.findOrCreate({ phone: '+1 555 555 0123' });
    expect(found).toEqual({ customer: created.customer, created: false });
    expect(sandbox.state().customers).toHaveLength(1);
  });

  it('writes transcript lines and a note whose ids would be 257+ characters, and finds them again', async () => {
    const c = client();
    const { customer } = await c.customers.findOrCreate({ email: 'long@example.com' });
    const escalationId = 'e'.repeat(128);
    const conversation = await c.conversations.create({
      customerId: customer.id,
      name: 'Long ids',
      externalId: escalationId,
    });
    const lines = ['a', 'b'].map((n) => ({
      externalId: `${escalationId}:${n.repeat(128)}`,
      direction: 'in' as const,
      text: `line ${n}`,
      sentAt: '2026-11-24T10:00:00.000Z',
    }));
    await c.messages.addTranscript(conversation.id, lines);
    const again = await c.messages.addTranscript(conversation.id, lines, { resume: true });
    expect(again).toMatchObject({ created: 0, skipped: 2 });
    const note = await c.notes.create(conversation.id, {
      body: 'Summary',
      externalId: `${escalationId}:${'n'.repeat(200)}`,
    });
    expect(
      await c.notes.findByExternalId(conversation.id, `${escalationId}:${'n'.repeat(200)}`),
    ).toMatchObject({ id: note.id });
    const stored = sandbox.state();
    for (const externalId of [...stored.messages, ...stored.notes].map((x) => x.externalId))
      expect(externalId!.length).toBeLessThanOrEqual(256);
    expect(new Set(stored.messages.map((m) => m.externalId)).size).toBe(2);
  });
});

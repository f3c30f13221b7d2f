import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../src/platform/json-logger.js';
import { maskContact } from '../../src/platform/redact.js';

describe('JSON logger', () => {
  it('masks emails and phone numbers but leaves ids, addresses and times alone', () => {
    expect(maskContact('jane.doe@example.com called from +1 555 010 0199')).toBe(
      'j***@example.com called from +1 ***99',
    );
    const untouched =
      'request 7b075e1a-0ef3-4f62-bf33-ee7e031b1001 from 127.0.0.1:40767 at 2026-11-24T10:10:16.087Z';
    expect(maskContact(untouched)).toBe(untouched);
  });

  it('scrubs configured secrets and bearer credentials everywhere, debug or not', () => {
    for (const debug of [false, true]) {
      const lines: string[] = [];
      const logger = createJsonLogger({
        secrets: ['super-secret-value'],
        debug: () => debug,
        write: (l) => lines.push(l),
      });
      logger.info('got super-secret-value', {
        headers: { authorization: 'Bearer abc.def' },
        nested: { note: 'x super-secret-value y' },
      });
      expect(lines.join('\n')).not.toMatch(/super-secret-value|abc\.def/);
    }
  });

  it('writes debug lines only in debug mode', () => {
    const lines: string[] = [];
    let debug = false;
    const logger = createJsonLogger({
      secrets: [],
      debug: () => debug,
      write: (l) => lines.push(l),
    });
    logger.debug('hidden');
    debug = true;
    logger.debug('shown');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['shown']);
  });
});

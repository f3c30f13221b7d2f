/**
 * Card numbers out of chat text: a corpus of real-world formats that must be masked, look-alikes
 * that must not be (order and tracking numbers failing Luhn, too short, too long), and properties
 * over generated numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumbers, MASK_CHAR } from '../../src/shared/card-mask.js';
import { maskText } from '../../src/escalation/privacy.js';

/** Test numbers published by the card networks and processors (all pass Luhn). */
const CARDS = [
  '4111111111111111', // Visa 16
  '4012888888881881', // Visa 16
  '4222222222222', // Visa 13
  '5555555555554444', // Mastercard
  '2223003122003222', // Mastercard 2-series
  '378282246310005', // Amex 15
  '371449635398431', // Amex 15
  '6011111111111117', // Discover
  '3530111333300000', // JCB
  '30569309025904', // Diners 14
  '6304000000000000', // Maestro 16
  '6759649826438453', // Maestro
  '4000056655665556', // Visa debit
  '6200000000000005', // UnionPay
  '4111111111111111110', // Visa 19 (Luhn-valid)
];
const group = (digits: string, sizes: number[], sep: string) => {
  const parts: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= digits.length) break;
    parts.push(digits.slice(i, i + size));
    i += size;
  }
  if (i < digits.length) parts.push(digits.slice(i));
  return parts.join(sep);
};
const FORMATS = (d: string) => [
  d,
  group(d, [4, 4, 4, 4], ' '),
  group(d, [4, 4, 4, 4], '-'),
  group(d, [4, 6, 5], ' '), // Amex style
  `card: ${group(d, [4, 4, 4, 4], ' ')}.`,
  `(${d})`,
];

/** Look-alikes that must stay as they are. */
const NOT_CARDS = [
  'order 1234567890123', // 13 digits, fails Luhn
  'tracking 1Z9999W99999999999', // letters inside
  'order #4111111111111112', // 16 digits, fails Luhn
  'phone +1 555 555 0123',
  'call 0044 20 7946 0958',
  'account 123456789012', // 12 digits: too short
  'invoice 41111111111111111111', // 20 digits: too long
  'ISBN 978-3-16-148410-0',
  'IBAN DE89 3704 0044 0532 0130 00',
  'reference 2026-11-24 10:00',
  'amount 1 000 000 000 000 000', // separators of three, fails Luhn
  '4111 1111 1111 1112', // grouped, fails Luhn
];

describe('maskCardNumbers', () => {
  it('masks every card in every format down to its last four digits, separators kept', () => {
    let cases = 0;
    for (const card of CARDS)
      for (const text of FORMATS(card)) {
        const { text: masked, count } = maskCardNumbers(text);
        cases += 1;
        expect(count, text).toBe(1);
        expect(masked.replace(/[^0-9]/g, '').slice(-4), text).toBe(card.slice(-4));
        expect(masked, text).not.toContain(card.slice(0, 6));
        expect(masked.length, text).toBe(text.length);
      }
    console.log(
      `card masking corpus: ${cases} card formats masked, ${NOT_CARDS.length} look-alikes kept`,
    );
  });

  it('leaves order numbers, phones and other look-alikes alone', () => {
    for (const text of NOT_CARDS) expect(maskCardNumbers(text), text).toEqual({ text, count: 0 });
  });

  it('masks two cards in one message', () => {
    expect(maskCardNumbers('4111111111111111 or 5555-5555-5555-4444').text).toBe(
      `${MASK_CHAR.repeat(12)}1111 or ${MASK_CHAR.repeat(4)}-${MASK_CHAR.repeat(4)}-${MASK_CHAR.repeat(4)}-4444`,
    );
  });

  const digits = (min: number, max: number) =>
    fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
      .map((d) => d.join(''));
  /** Appends the check digit that makes the number pass Luhn. */
  const withCheckDigit = (body: string) =>
    body + String([...'0123456789'].findIndex((c) => luhnValid(body + c)));

  it('masks any Luhn-valid 13-19 digit number, however it is grouped (property)', () => {
    fc.assert(
      fc.property(
        digits(12, 18).map(withCheckDigit),
        fc.constantFrom('', ' ', '-'),
        fc.string({ maxLength: 20 }).filter((s) => !/[0-9]$/.test(s)),
        (card, sep, before) => {
          const text = `${before} ${group(card, [4, 4, 4, 4, 3], sep)} thanks`;
          const { text: masked, count } = maskCardNumbers(text);
          expect(count).toBe(1);
          expect(masked).not.toContain(group(card, [4, 4, 4, 4, 3], sep));
          expect(masked.endsWith(`${card.slice(-1)} thanks`)).toBe(true);
        },
      ),
    );
  });

  it('never changes a number that fails Luhn (property)', () => {
    fc.assert(
      fc.property(
        digits(13, 19).filter((d) => !luhnValid(d)),
        (number) => {
          expect(maskCardNumbers(`order ${number}`).count).toBe(0);
        },
      ),
    );
  });
});

describe('maskText with the admin settings', () => {
  it('masks cards by default, not when switched off, and applies the admin patterns', () => {
    const text = 'card 4111 1111 1111 1111, member M-123456';
    expect(maskText(text, undefined)).toEqual({
      text: 'card •••• •••• •••• 1111, member M-123456',
      masked: true,
    });
    expect(maskText(text, { maskCardNumbers: false, patterns: [] })).toEqual({
      text,
      masked: false,
    });
    expect(maskText(text, { maskCardNumbers: true, patterns: ['M-\\d{6}'] }).text).toBe(
      'card •••• •••• •••• 1111, member [redacted]',
    );
  });
});

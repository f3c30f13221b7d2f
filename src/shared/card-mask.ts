/**
 * Payment card numbers out of chat text before it crosses to Kustomer: a run of 13-19 digits,
 * optionally grouped by single spaces or dashes, that passes the Luhn check is masked down to its
 * last four digits, separators kept ("4111 1111 1111 1111" -> "•••• •••• •••• 1111"). Runs that
 * fail Luhn (most order and tracking numbers) are left alone. Pure, so the chat can use it too.
 */

/** Digits with single space/dash separators, not touching other digits. */
const CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d]|[ -]\d)/g;
export const MASK_CHAR = '•';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function maskRun(run: string): string {
  let digitsLeft = run.replace(/\D/g, '').length;
  let out = '';
  for (const ch of run) {
    if (ch >= '0' && ch <= '9') {
      out += digitsLeft > 4 ? MASK_CHAR : ch;
      digitsLeft -= 1;
    } else out += ch;
  }
  return out;
}

export interface MaskResult {
  text: string;
  /** How many numbers were masked. */
  count: number;
}

export function maskCardNumbers(text: string): MaskResult {
  let count = 0;
  const masked = text.replace(CANDIDATE, (run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return run;
    count += 1;
    return maskRun(run);
  });
  return { text: masked, count };
}

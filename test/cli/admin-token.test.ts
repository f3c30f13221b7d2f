/** The admin-token strength rule: random tokens of the recommended shapes are never called weak. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tokenWeakness } from '../../src/cli/doctor/checks/secrets.js';

describe('tokenWeakness', () => {
  it('accepts 200 random tokens from openssl-style hex and base64url generators', () => {
    for (let i = 0; i < 200; i += 1) {
      expect(tokenWeakness(randomBytes(32).toString('hex'))).toBeNull();
      expect(tokenWeakness(randomBytes(32).toString('base64url'))).toBeNull();
    }
  });

  it('says why a token is weak', () => {
    expect(tokenWeakness('0123456789abcdef0123456789abcdef')).toMatch(/neighbouring/);
    expect(tokenWeakness('abcabcabcabcabcabcabcabcabcabcabcabc')).toMatch(/distinct/);
    expect(tokenWeakness('your-admin-token-goes-here-0123456789')).toMatch(/placeholder/);
  });
});

/**
 * loadServerEnv: the HTTP layer's own variables, validated once; an error names the variable and
 * never shows its value.
 */
import { describe, expect, it } from 'vitest';
import { loadServerEnv } from '../../src/server/env.js';

const base = { STORE: 'memory' };

function configErrorOf(env: Record<string, string>): Error {
  try {
    loadServerEnv({ ...base, ...env });
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a configuration error');
}

describe('APP_URL', () => {
  it.each([
    'ftp://chat.example.com/files',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'mailto:ops@example.com',
    'not a url',
  ])('refuses %s, naming APP_URL but not the value', (value) => {
    const error = configErrorOf({ APP_URL: value });
    expect(error.message).toBe('APP_URL must be an http(s) URL');
    expect(error.message).not.toContain(value);
  });

  it('accepts http and https URLs', () => {
    expect(loadServerEnv({ ...base, APP_URL: 'https://chat.example.com' }).appUrl).toBe(
      'https://chat.example.com',
    );
    expect(loadServerEnv({ ...base, APP_URL: 'http://localhost:5173/app' }).appUrl).toBe(
      'http://localhost:5173/app',
    );
  });
});

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

describe('ADMIN_TOKEN in production', () => {
  it.each<Record<string, string>>([{ NODE_ENV: 'production' }, { VERCEL_ENV: 'production' }])(
    'is required in sandbox mode too when %o',
    (production) => {
      const error = configErrorOf(production);
      expect(error.message).toMatch(/^ADMIN_TOKEN is required in production/);
    },
  );

  it('is accepted in production, and optional outside it in sandbox mode', () => {
    const token = 'a-long-enough-admin-token-123';
    expect(loadServerEnv({ ...base, NODE_ENV: 'production', ADMIN_TOKEN: token })).toMatchObject({
      production: true,
      adminToken: token,
    });
    for (const other of [{}, { NODE_ENV: 'development' }, { VERCEL_ENV: 'preview' }])
      expect(loadServerEnv({ ...base, ...other })).toMatchObject({
        production: false,
        adminToken: null,
      });
  });
});

describe('TRUST_PROXY', () => {
  it("defaults to Vercel's header on Vercel and off elsewhere, and an explicit value wins", () => {
    const vercel = { VERCEL: '1', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadServerEnv(base).trustProxy).toEqual({ mode: 'off' });
    expect(loadServerEnv({ ...base, ...vercel }).trustProxy).toEqual({ mode: 'vercel' });
    expect(loadServerEnv({ ...base, TRUST_PROXY: 'yes' }).trustProxy).toEqual({
      mode: 'hops',
      hops: 1,
    });
    expect(loadServerEnv({ ...base, TRUST_PROXY: '2' }).trustProxy).toEqual({
      mode: 'hops',
      hops: 2,
    });
    expect(loadServerEnv({ ...base, TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual({
      mode: 'addresses',
      list: ['10.0.0.0/8', 'loopback'],
    });
    expect(loadServerEnv({ ...base, ...vercel, TRUST_PROXY: 'false' }).trustProxy).toEqual({
      mode: 'off',
    });
  });

  it('refuses what is neither a switch, a count nor addresses, naming TRUST_PROXY', () => {
    expect(configErrorOf({ TRUST_PROXY: 'sometimes' }).message).toMatch(/^TRUST_PROXY must be/);
    expect(configErrorOf({ TRUST_PROXY: '10.0.0.0/99' }).message).toMatch(/^TRUST_PROXY must be/);
  });
});

describe('DRAIN_BUDGET_MS', () => {
  it('defaults to 20 s, inside vercel.json maxDuration of 30 s, and takes a whole number', () => {
    expect(loadServerEnv(base).drainBudgetMs).toBe(20_000);
    expect(loadServerEnv({ ...base, DRAIN_BUDGET_MS: '45000' }).drainBudgetMs).toBe(45_000);
  });

  it.each([
    ['soon', 'DRAIN_BUDGET_MS must be a whole number'],
    ['500', 'DRAIN_BUDGET_MS must be at least 1000'],
    ['900000', 'DRAIN_BUDGET_MS must be at most 800000'],
  ])('refuses %s, naming DRAIN_BUDGET_MS', (value, message) => {
    expect(configErrorOf({ DRAIN_BUDGET_MS: value }).message).toBe(message);
  });
});

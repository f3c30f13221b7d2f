/**
 * loadKustomerConfig: hosts by sub-domain, region or explicit URL; priorities by number or name;
 * VITE_ fallbacks with a warning; sandbox mode without a key; and errors that name the variable
 * but never echo its value (checked with canaries and a property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKustomerConfig } from '../../src/kustomer/config.js';
import { isConfigError } from '../../src/platform/config-error.js';

const KEY = 'live-key-0123456789abcdefghij';

function configError(env: Record<string, string>): Error {
  try {
    loadKustomerConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be rejected`);
}

describe('host', () => {
  it('uses the org host for a sub-domain, in any region, and links to the org app', () => {
    const { config } = loadKustomerConfig({
      KUSTOMER_API_KEY: KEY,
      KUSTOMER_SUBDOMAIN: 'Acme-EU',
      KUSTOMER_REGION: 'eu',
    });
    expect(config.baseUrl).toBe('https://acme-eu.api.kustomerapp.com');
    expect(config.appUrl).toBe('https://acme-eu.kustomerapp.com');
    expect(config.mode).toBe('live');
  });

  it.each([
    ['us', 'https://api.kustomerapp.com'],
    ['eu', 'https://api.prod2.kustomerapp.com'],
    ['in', 'https://api.prod4.kustomerapp.com'],
  ])('uses the regional host for region %s without a sub-domain', (region, host) => {
    const { config, warnings } = loadKustomerConfig({
      KUSTOMER_API_KEY: KEY,
      KUSTOMER_REGION: region,
    });
    expect(config.baseUrl).toBe(host);
    expect(config.appUrl).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('falls back to the US host with a warning when neither sub-domain nor region is set', () => {
    const { config, warnings } = loadKustomerConfig({ KUSTOMER_API_KEY: KEY });
    expect(config.baseUrl).toBe('https://api.kustomerapp.com');
    expect(warnings.join('\n')).toMatch(/KUSTOMER_SUBDOMAIN nor KUSTOMER_REGION/);
  });

  it('lets KUSTOMER_API_BASE_URL override both, without a trailing slash', () => {
    const { config } = loadKustomerConfig({
      KUSTOMER_API_KEY: KEY,
      KUSTOMER_SUBDOMAIN: 'acme',
      KUSTOMER_API_BASE_URL: 'http://127.0.0.1:4010/',
    });
    expect(config.baseUrl).toBe('http://127.0.0.1:4010');
  });

  it.each(['ftp://files.example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'kustomer'])(
    'rejects %s as a base URL',
    (url) => {
      const error = configError({ KUSTOMER_API_BASE_URL: url });
      expect(error.message).toBe('KUSTOMER_API_BASE_URL must be an http(s) URL');
    },
  );
});

describe('priority', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    ['lowest', 1],
    ['low', 2],
    ['medium', 3],
    ['High', 4],
    [' urgent ', 5],
  ])('reads %j as %i', (value, expected) => {
    const { config } = loadKustomerConfig({ KUSTOMER_DEFAULT_PRIORITY: value });
    expect(config.defaultPriority).toBe(expected);
  });

  it('defaults to medium (3)', () => {
    expect(loadKustomerConfig({}).config.defaultPriority).toBe(3);
  });

  it.each(['0', '6', '3.5', 'critical', '-1'])('rejects %j, naming the variable', (value) => {
    const error = configError({ KUSTOMER_DEFAULT_PRIORITY: value });
    expect(error.message).toBe(
      'KUSTOMER_DEFAULT_PRIORITY must be 1-5 or low, medium, high, urgent',
    );
  });
});

describe('modes and legacy names', () => {
  it('runs in sandbox mode without a key, with no host to call', () => {
    const { config } = loadKustomerConfig({ KUSTOMER_SUBDOMAIN: 'acme' });
    expect(config.mode).toBe('sandbox');
    expect(config.apiKey).toBeNull();
    expect(config.baseUrl).toBeNull();
  });

  it('reads VITE_KUSTOMER_* as a fallback and warns loudly that it ships to browsers', () => {
    const { config, warnings } = loadKustomerConfig({
      VITE_KUSTOMER_API_KEY: KEY,
      VITE_KUSTOMER_REGION: 'eu',
    });
    expect(config.apiKey).toBe(KEY);
    expect(config.baseUrl).toBe('https://api.prod2.kustomerapp.com');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/VITE_KUSTOMER_API_KEY is set.*browser bundle.*rotate the key/);
    expect(warnings[1]).toMatch(/Rename it to KUSTOMER_REGION\.$/);
    expect(warnings.join('\n')).not.toContain(KEY);
  });

  it('prefers KUSTOMER_* over VITE_KUSTOMER_* and then does not warn', () => {
    const { config, warnings } = loadKustomerConfig({
      KUSTOMER_REGION: 'in',
      VITE_KUSTOMER_REGION: 'eu',
      KUSTOMER_API_KEY: KEY,
    });
    expect(config.region).toBe('in');
    expect(warnings).toEqual([]);
  });

  it('names the VITE_ variable when that is the one holding a bad value', () => {
    expect(configError({ VITE_KUSTOMER_REGION: 'mars' }).message).toBe(
      'VITE_KUSTOMER_REGION must be us, eu or in',
    );
  });
});

describe('config errors never contain the value', () => {
  const CANARY = 'CANARY-9f2c41';

  it.each([
    ['KUSTOMER_API_KEY', `${CANARY}x`],
    ['KUSTOMER_SUBDOMAIN', `${CANARY}.kustomerapp.com`],
    ['KUSTOMER_REGION', CANARY],
    ['KUSTOMER_API_BASE_URL', `${CANARY}://`],
    ['KUSTOMER_DEFAULT_TEAM_ID', CANARY],
    ['KUSTOMER_DEFAULT_PRIORITY', CANARY],
    ['KUSTOMER_ENABLE_SYNC', CANARY],
    ['KUSTOMER_TIMEOUT_MS', CANARY],
    ['KUSTOMER_RATE_LIMIT_PER_MIN', CANARY],
    ['KUSTOMER_APP', `${CANARY}!`],
  ])('%s: names the variable, not the value', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(isConfigError(error) && error.code).toBe('config');
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain(CANARY);
    expect(JSON.stringify(error)).not.toContain(CANARY);
  });

  it('holds for any invalid value of any variable (property)', () => {
    const variables = [
      'KUSTOMER_API_KEY',
      'KUSTOMER_SUBDOMAIN',
      'KUSTOMER_REGION',
      'KUSTOMER_API_BASE_URL',
      'KUSTOMER_DEFAULT_TEAM_ID',
      'KUSTOMER_DEFAULT_PRIORITY',
      'KUSTOMER_ENABLE_SYNC',
      'KUSTOMER_DEBUG',
      'KUSTOMER_TIMEOUT_MS',
      'KUSTOMER_RATE_LIMIT_PER_MIN',
      'KUSTOMER_APP',
    ];
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...variables),
        fc.boolean(),
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        (variable, legacy, before, after) => {
          // The marker cannot occur in any message by chance, so finding it means an echo.
          const value = `${before}\u2691${after}`;
          let message: string | null = null;
          try {
            loadKustomerConfig({ [legacy ? `VITE_${variable}` : variable]: value });
          } catch (error) {
            message = `${(error as Error).message} ${JSON.stringify(error)}`;
          }
          if (message === null) return;
          rejected += 1;
          expect(message).toContain(variable);
          expect(message).not.toContain('\u2691');
          if (value.trim().length > 2) expect(message).not.toContain(value.trim());
        },
      ),
      { numRuns: 500 },
    );
    expect(rejected).toBeGreaterThan(450);
  });
});

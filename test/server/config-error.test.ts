/**
 * A configuration problem is a ConfigError of the platform, not a Kustomer failure: wherever one
 * escapes, the caller is told the configuration is wrong (503 config_error, naming the variable),
 * never that Kustomer failed (502 kustomer_*).
 */
import { describe, expect, it } from 'vitest';
import { createKustomerClientFromConfig } from '../../src/kustomer/client.js';
import { loadKustomerConfig } from '../../src/kustomer/config.js';
import { isKustomerError } from '../../src/kustomer/errors.js';
import { isConfigError } from '../../src/platform/config-error.js';
import { toApiError } from '../../src/server/app.js';
import { loadServerEnv } from '../../src/server/env.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const escaped = [
  ['a server variable', () => loadServerEnv({ STORE: 'redis' })],
  ['a Kustomer variable', () => loadKustomerConfig({ KUSTOMER_REGION: 'mars' })],
  ['a client without a key', () => createKustomerClientFromConfig(loadKustomerConfig({}).config)],
] as const;

describe.each(escaped)('a configuration error from %s', (_name, run) => {
  it('is a ConfigError, not a KustomerError', () => {
    const error = thrown(run);
    expect(isConfigError(error)).toBe(true);
    expect(isKustomerError(error)).toBe(false);
  });

  it('answers 503 config_error with the message, never 502 kustomer_config', () => {
    const error = thrown(run);
    const answer = toApiError(error);
    expect(answer.status).toBe(503);
    expect(answer.code).toBe('config_error');
    expect(answer.message).toBe((error as Error).message);
  });
});

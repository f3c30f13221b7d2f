import { describe, expect, it } from 'vitest';
import { resolveServiceOptions } from '../../src/escalation/service-options.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import type { KustomerClient } from '../../src/kustomer/types.js';

const base = {
  client: {} as KustomerClient,
  store: createMemoryStore(),
  settings: { get: async () => ({}), update: async () => ({}) } as never,
};

describe('service options', () => {
  it('refuses a lease that an attempt could outlive, since two attempts could then write twice', () => {
    expect(() =>
      resolveServiceOptions({ ...base, leaseTtlMs: 5_000, drainDeadlineMs: 8_000 }),
    ).toThrow(/leaseTtlMs \(5000\) must be longer than the longest attempt deadline \(8000\)/);
    expect(() => resolveServiceOptions({ ...base, leaseTtlMs: 4_000 })).toThrow(RangeError);
  });

  it('accepts the defaults: a 60 s lease over 4 s and 30 s deadlines', () => {
    expect(resolveServiceOptions(base)).toMatchObject({
      leaseTtlMs: 60_000,
      escalateDeadlineMs: 4_000,
      drainDeadlineMs: 30_000,
    });
  });
});

/**
 * Everything one running sandbox holds, built once from SandboxOptions: the keys it accepts, its
 * data, rate limits, faults, request counters and webhook target. The request handlers, the agent
 * actions and the SandboxHandle all read and change this one object, which is why it exists apart
 * from any of them.
 */
import { DEFAULT_SANDBOX_AVAILABILITY } from './availability-data.js';
import { DEFAULT_BULK_JOB_MS } from './bulk-jobs.js';
import { createData, DEFAULT_TEAMS } from './data.js';
import { createFaults } from './faults.js';
import { ALL_MODULE_ROLES } from './module-roles.js';
import { createRateLimits } from './rate-limits.js';
import { createRequestCounters, type RequestCounters } from './request-counters.js';
import { createBodyValidator } from './request-schemas.js';
import type { SandboxCore } from './route-types.js';
import { SANDBOX_API_KEY, type SandboxKey, type SandboxOptions } from './types.js';
import { deliverEvent, type WebhookTarget } from './webhooks.js';

export interface SandboxRuntime {
  now: () => number;
  log: (message: string) => void;
  keys: Map<string, SandboxKey>;
  core: SandboxCore;
  faults: ReturnType<typeof createFaults>;
  requests: RequestCounters;
  /** Headers of a 429: the rate-limit headers, plus Retry-After when a fault asks for one. */
  tooManyHeaders(): Record<string, string>;
  /** Where events go; changed at run time through the handle or PUT /__sandbox/webhook. */
  webhook: WebhookTarget | null;
}

export function createSandboxRuntime(options: SandboxOptions): SandboxRuntime {
  const now = options.now ?? Date.now;
  const keys = new Map<string, SandboxKey>(
    (options.keys ?? [{ key: SANDBOX_API_KEY, name: 'sandbox', roles: ALL_MODULE_ROLES }]).map(
      (k) => [k.key, k],
    ),
  );
  const store = createData(options.teams ?? DEFAULT_TEAMS.map((name) => ({ name })));
  const limits = createRateLimits({
    orgPerMin: options.orgRateLimitPerMin ?? 1000,
    perCustomerPerMin: options.perCustomerCreateLimitPerMin ?? 120,
    resetStyle: options.resetHeaderStyle ?? 'epoch',
    now,
  });
  const faults = createFaults(now);
  const core: SandboxCore = {
    store,
    limits,
    now,
    duplicateStatus: options.duplicateStatus ?? 400,
    bulk: {
      faults: () => faults.get().bulk ?? {},
      random: () => faults.random(),
      defaultJobMs: options.bulkJobMs ?? DEFAULT_BULK_JOB_MS,
    },
    origin: 'http://127.0.0.1',
    validator: createBodyValidator(),
    availability: { ...DEFAULT_SANDBOX_AVAILABILITY },
    emit: (name, data, changes) =>
      void deliverEvent(runtime.webhook, name, data, changes, runtime.log),
  };
  const runtime: SandboxRuntime = {
    now,
    log: (message) => options.log && console.log(`[sandbox] ${message}`),
    keys,
    core,
    faults,
    requests: createRequestCounters(),
    tooManyHeaders() {
      const retryAfter = faults.get().retryAfterSeconds;
      return {
        ...limits.headers(),
        ...(typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {}),
      };
    },
    webhook: options.webhook ?? null,
  };
  return runtime;
}

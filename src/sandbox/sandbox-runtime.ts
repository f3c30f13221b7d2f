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
import { createOutboundWebhooks, type OutboundWebhooks } from './outbound-webhooks.js';

export interface SandboxRuntime {
  now: () => number;
  log: (message: string) => void;
  keys: Map<string, SandboxKey>;
  core: SandboxCore;
  faults: ReturnType<typeof createFaults>;
  requests: RequestCounters;
  /** Headers of a 429: the rate-limit headers, plus Retry-After when a fault asks for one. */
  tooManyHeaders(): Record<string, string>;
  /** The org's outbound webhooks: where events go, each signed with its webhook's token. */
  hooks: OutboundWebhooks;
  /** The webhook set through the handle or PUT /__sandbox/webhook, as if created in Settings. */
  settingsHookId: string | null;
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
  const log = (message: string) => void (options.log && console.log(`[sandbox] ${message}`));
  const hooks = createOutboundWebhooks(now, log);
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
    hooks,
    emit: (name, data, changes) => void hooks.deliver(name, data, changes),
  };
  const runtime: SandboxRuntime = {
    now,
    log,
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
    hooks,
    settingsHookId: null,
  };
  if (options.webhook) setSettingsWebhook(runtime, options.webhook);
  return runtime;
}

/**
 * The webhook an admin creates by hand in Settings › Platform › Outbound webhooks, with the two
 * events the module listens to and the given token; it replaces the previous one (null removes it).
 */
export function setSettingsWebhook(
  rt: SandboxRuntime,
  next: { url: string; secret: string } | null,
): void {
  if (rt.settingsHookId) rt.hooks.remove(rt.settingsHookId);
  rt.settingsHookId = next
    ? rt.hooks.add(
        {
          name: 'Created in Settings',
          url: next.url,
          events: ['kustomer.message.create', 'kustomer.conversation.update'],
        },
        next.secret,
      ).id
    : null;
}

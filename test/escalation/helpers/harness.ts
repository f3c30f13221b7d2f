/**
 * The escalation service wired to the sandbox over real HTTP, with the real client and an injected
 * clock, for the service and chaos tests.
 */
import { createMemoryStore } from '../../../src/escalation/stores/index.js';
import {
  createEscalationService,
  type EscalationServiceOptions,
} from '../../../src/escalation/service.js';
import { createSettingsService, defaultSettings } from '../../../src/escalation/settings.js';
import type { EscalationStore } from '../../../src/escalation/store.js';
import { createKustomerClient } from '../../../src/kustomer/client.js';
import { startRequestLog, type RequestLog } from '../../support/request-log.js';
import type { KustomerClient } from '../../../src/kustomer/types.js';
import { startSandbox } from '../../../src/sandbox/server.js';
import type { SandboxHandle, SandboxOptions } from '../../../src/sandbox/types.js';
import type { IntegrationSettings } from '../../../src/shared/settings.js';

export interface Harness {
  sandbox: SandboxHandle;
  client: KustomerClient;
  store: EscalationStore;
  service: ReturnType<typeof createEscalationService>;
  /** One clock (epoch ms) for the sandbox, the client and the service; advance it instead of
   * sleeping through backoffs and rate-limit windows. */
  /** The recording proxy's log, with `requestLog: true`. */
  log: RequestLog | null;
  now(): number;
  advance(ms: number): void;
  saveSettings(patch: Partial<IntegrationSettings>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  service?: Partial<EscalationServiceOptions>;
  /** Client timeout; short so that held responses time out quickly. */
  timeoutMs?: number;
  store?: EscalationStore;
  /** Talk to the sandbox through a recording proxy (h.log) that keeps the order of requests. */
  requestLog?: boolean;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  // One second into a rate-limit window (the sandbox's windows are whole minutes), so a spent
  // budget always resets a known 59 s ahead of the frozen clock.
  let now = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
  const clock = () => now;
  // Kustomer's bulk jobs are asynchronous; a short one keeps tests quick (tests may set longer).
  const sandbox = await startSandbox({ now: clock, bulkJobMs: 50, ...options.sandbox });
  const log = options.requestLog ? await startRequestLog(sandbox.url) : null;
  const client = createKustomerClient({
    clock,
    // As KUSTOMER_RATE_LIMIT_PER_MIN would be set to the org's plan in production.
    ...(options.sandbox?.orgRateLimitPerMin
      ? { rateLimitPerMin: options.sandbox.orgRateLimitPerMin }
      : {}),
    baseURL: log?.url ?? sandbox.url,
    apiKey: sandbox.apiKey,
    timeoutMs: options.timeoutMs ?? 2_000,
    // The outbox is the retry mechanism under test; the client only retries what is cheap.
    maxRetries: 0,
    expectedBulkJobMs: 50,
  });
  const store = options.store ?? createMemoryStore({ clock });
  const settings = createSettingsService({ store, client });
  const service = createEscalationService({
    client,
    store,
    settings,
    clock,
    owner: 'harness',
    backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 1 },
    breaker: { threshold: 1_000 },
    ...options.service,
  });
  return {
    sandbox,
    log,
    client,
    store,
    service,
    now: clock,
    advance: (ms) => {
      now += ms;
    },
    async saveSettings(patch) {
      await store.settings.save({
        ...((await store.settings.get()) ?? defaultSettings()),
        ...patch,
      });
    },
    async close() {
      await service.close();
      await log?.close();
      await sandbox.close();
    },
  };
}

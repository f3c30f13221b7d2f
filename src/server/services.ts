/**
 * The composition root: one set of services per process (a warm serverless instance reuses it).
 * Without a Kustomer API key it starts the embedded sandbox and points the client at it.
 */
import { randomBytes } from 'node:crypto';
import {
  createAvailabilityCheck,
  type AvailabilityCheck,
} from '../escalation/availability/availability-check.js';
import { createEscalationService, type EscalationServiceHandle } from '../escalation/service.js';
import { createSettingsService } from '../escalation/settings.js';
import type { EscalationStore } from '../escalation/store.js';
import { createStore, guardStore } from '../escalation/stores/index.js';
import type { SettingsService } from '../escalation/types.js';
import { createKustomerClientFromConfig } from '../kustomer/client.js';
import type { Logger } from '../platform/logger.js';
import type { KustomerClient } from '../kustomer/types.js';
import type { SandboxHandle } from '../sandbox/types.js';
import { loadServerEnv, type ServerEnv } from './env.js';
import { createJsonLogger } from '../platform/json-logger.js';
import { autoProvision } from './webhook-provisioning-deps.js';
import { webhookTarget, type WebhookTarget } from '../escalation/webhook-target.js';

export interface Services {
  env: ServerEnv;
  /** Epoch ms; the escalation service's clock too. */
  clock: () => number;
  logger: Logger;
  client: KustomerClient;
  store: EscalationStore;
  settings: SettingsService;
  escalations: EscalationServiceHandle;
  /** Business hours and agents, as Kustomer reports them (GET /api/availability, each escalation). */
  availability: AvailabilityCheck;
  sandbox: SandboxHandle | null;
  /** KUSTOMER_WEBHOOK_SECRET, or one generated for the embedded sandbox. */
  webhookSecret: string | null;
  /** Where Kustomer is to deliver webhooks: APP_URL/api/webhooks/kustomer, or why not. */
  webhookTarget(): WebhookTarget;
  /**
   * The host's own address once it listens (npm run dev, npm start). On the embedded sandbox it
   * also provisions the sandbox's webhook to it, through the same code as the Integrations page,
   * so agent replies reach the chat with no setup; it resolves when that is done (or logged).
   */
  setPublicUrl(origin: string): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOverrides {
  /** Where the host mounted the API, for the webhook's address. @default '/api' */
  apiBase?: string;
  store?: EscalationStore;
  logger?: Logger;
  /** Where the JSON logger writes its lines (ignored with `logger`). @default stdout */
  logWrite?: (line: string) => void;
  sandbox?: SandboxHandle;
  /** Passed to the escalation service, e.g. a shorter deadline in tests. */
  escalateDeadlineMs?: number;
  /** @default Date.now */
  clock?: () => number;
  /** Keeps the host alive for work after a response (Vercel's waitUntil). See EscalationServiceOptions. */
  keepAlive?: (work: Promise<unknown>) => void;
}

/**
 * The sandbox is imported only when it is started: a live deployment (a key configured) never
 * loads its modules (routes, fixtures, request schemas).
 */
export async function startEmbeddedSandbox(): Promise<SandboxHandle> {
  const { startSandbox } = await import('../sandbox/server.js');
  return startSandbox();
}

export async function createServices(
  env: ServerEnv,
  overrides: ServiceOverrides = {},
): Promise<Services> {
  let debug = env.kustomer.debug;
  const webhookSecret =
    env.webhookSecret ?? (env.kustomer.mode === 'sandbox' ? randomBytes(24).toString('hex') : null);
  const logger =
    overrides.logger ??
    createJsonLogger({
      secrets: [
        env.kustomer.apiKey,
        webhookSecret,
        env.adminToken,
        env.cronSecret,
        // A hosted Redis URL carries its password; a connection error could quote it.
        redisPassword(env.redisUrl),
      ],
      debug: () => debug,
      ...(overrides.logWrite ? { write: overrides.logWrite } : {}),
    });
  for (const warning of env.warnings) logger.warn(warning);
  const sandbox =
    env.kustomer.mode === 'sandbox' ? (overrides.sandbox ?? (await startEmbeddedSandbox())) : null;
  if (sandbox)
    logger.info('no KUSTOMER_API_KEY: running against the embedded Kustomer sandbox', {
      url: sandbox.url,
    });
  const client = createKustomerClientFromConfig(env.kustomer, {
    logger,
    // The settings' debug switch turns on the per-call log too, not only the log level.
    debug: () => debug,
    ...(sandbox ? { baseURL: sandbox.url, apiKey: sandbox.apiKey } : {}),
  });
  // Store failures become one error the API answers with 503 (see store-failures.ts).
  const store = guardStore(
    overrides.store ??
      (await createStore({
        kind: env.store,
        dir: env.storeDir,
        ...(env.redisUrl ? { redisUrl: env.redisUrl } : {}),
      })),
  );
  const baseSettings = createSettingsService({
    store,
    client,
    defaults: {
      defaultTeamId: env.kustomer.defaultTeamId,
      defaultPriority: env.kustomer.defaultPriority,
      transcriptSync: env.kustomer.enableSync,
      debug: env.kustomer.debug,
    },
  });
  // Debug mode from settings switches the logger at once, on every read and save.
  const settings: SettingsService = {
    async get() {
      const current = await baseSettings.get();
      debug = current.debug || env.kustomer.debug;
      return current;
    },
    async update(patch) {
      const next = await baseSettings.update(patch);
      debug = next.debug || env.kustomer.debug;
      return next;
    },
  };
  const clock = overrides.clock ?? Date.now;
  const availability = createAvailabilityCheck({ client, clock, logger });
  const escalations = createEscalationService({
    clock,
    client,
    store,
    settings,
    logger,
    availability,
    appUrl: env.appUrl,
    retentionMs: env.retentionDays * 86_400_000,
    ...(overrides.escalateDeadlineMs ? { escalateDeadlineMs: overrides.escalateDeadlineMs } : {}),
    ...(overrides.keepAlive ? { keepAlive: overrides.keepAlive } : {}),
  });
  let localOrigin: string | null = null;
  const services: Services = {
    env,
    clock,
    logger,
    client,
    store,
    settings,
    escalations,
    availability,
    sandbox,
    webhookSecret,
    webhookTarget: () =>
      webhookTarget({
        appUrl: env.appUrl,
        sandbox: sandbox !== null,
        localOrigin,
        ...(overrides.apiBase !== undefined ? { apiBase: overrides.apiBase } : {}),
      }),
    async setPublicUrl(origin) {
      localOrigin = origin.replace(/\/+$/, '');
      if (sandbox) await autoProvision(services);
    },
    async close() {
      await escalations.close();
      if (sandbox && !overrides.sandbox) await sandbox.close();
    },
  };
  return services;
}

let shared: Promise<Services> | null = null;

/** The process-wide services, created on first use from process.env (overrides apply then). */
export function getServices(overrides: ServiceOverrides = {}): Promise<Services> {
  shared ??= createServices(loadServerEnv(process.env), overrides).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

function redisPassword(url: string | null): string | null {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
}

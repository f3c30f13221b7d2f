/**
 * createKustomerClient: the composition of transport, limiter, cache, metrics and resources.
 * Everything with a clock or a timer is injectable so tests can assert delays without waiting.
 */
import { createClientCache, type CacheOptions } from './cache.js';
import type { KustomerConfig } from './config.js';
import { ConfigError } from '../platform/config-error.js';
import { createLimiter, type LimiterTimers } from './limiter.js';
import { silentLogger, type Logger } from '../platform/logger.js';
import { createMetrics } from './metrics.js';
import { createRedactor } from '../platform/redact.js';
import { createConversations } from './resources/conversations.js';
import { createCustomers } from './resources/customers.js';
import { createAttachments } from './resources/attachments.js';
import { createAvailabilityReads } from './resources/availability-reads.js';
import { createLiveMessages } from './resources/live-messages.js';
import { createMessages } from './resources/messages.js';
import { createNotes } from './resources/notes.js';
import { createRoutingQueues } from './resources/routing-queues.js';
import { createSlas } from './resources/slas.js';
import { createOutboundWebhooks } from './resources/outbound-webhooks.js';
import { createAuth, createTeams } from './resources/teams-and-auth.js';
import { createTransport } from './transport.js';
import type { KustomerClient } from './types.js';

export interface KustomerClientOptions {
  baseURL: string;
  apiKey: string;
  /** @default 8000 */
  timeoutMs?: number;
  /** The org's plan budget per minute, shared by every client of the org. @default 1000 */
  rateLimitPerMin?: number;
  /** Retries for 429, 5xx and (for reads) network errors. @default 3 */
  maxRetries?: number;
  /** A 429 asking for a longer wait fails fast with RateLimitError so the caller can queue. @default 15000 */
  maxRateLimitWaitMs?: number;
  /** Message `app` name on the timeline. @default 'chatbot' */
  app?: string;
  /** Kustomer web app origin for conversation links, e.g. https://acme.kustomerapp.com. */
  appUrl?: string | null;
  logger?: Logger;
  /**
   * Logs every call (redacted) at debug level. A function is read at each call, so a setting
   * saved at run time (the Integrations page's debug switch) applies at once. @default false
   */
  debug?: boolean | (() => boolean);
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Timers for the limiter; defaults to real ones driven by `clock`. */
  timers?: LimiterTimers;
  cache?: CacheOptions;
  /**
   * How long a bulk job is expected to take until this client has seen one complete (then it
   * learns from Kustomer's own timestamps): when the first poll of a job goes out. @default 1000
   */
  expectedBulkJobMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createKustomerClient(options: KustomerClientOptions): KustomerClient {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const redact = createRedactor([options.apiKey]);
  const metrics = createMetrics(clock);
  const limiter = createLimiter({
    perMinute: options.rateLimitPerMin ?? 1000,
    timers: options.timers ?? { now: clock, setTimeout: (fn, ms) => setTimeout(fn, ms).unref() },
  });
  const transport = createTransport({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 8000,
    retries: options.maxRetries ?? 3,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 15_000,
    limiter,
    metrics,
    logger: options.logger ?? silentLogger,
    debug: typeof options.debug === 'function' ? options.debug : () => options.debug === true,
    redact,
    sleep,
    clock,
    random: options.random ?? Math.random,
    userAgent: 'kustomer-escalation/0.1 (+chat escalation module)',
  });
  const cache = createClientCache({ clock, ...options.cache });
  const appUrl = options.appUrl?.replace(/\/+$/, '') ?? null;
  return {
    auth: createAuth(transport),
    customers: createCustomers(transport, cache),
    conversations: createConversations(transport),
    messages: {
      ...createMessages({
        transport,
        app: options.app ?? 'chatbot',
        clock,
        sleep,
        expectedBulkJobMs: options.expectedBulkJobMs ?? 1000,
      }),
      ...createLiveMessages({ transport, app: options.app ?? 'chatbot' }),
    },
    attachments: createAttachments(transport),
    notes: createNotes(transport),
    teams: createTeams(transport, cache),
    routing: createRoutingQueues(transport, clock),
    slas: createSlas(transport),
    availability: createAvailabilityReads(transport),
    outboundWebhooks: createOutboundWebhooks(transport),
    conversationUrl: (id) =>
      appUrl ? `${appUrl}/app/conversations/${encodeURIComponent(id)}` : null,
    metrics: () => metrics.snapshot(),
  };
}

/** From validated config; in sandbox mode the caller passes the sandbox's URL and key. */
export function createKustomerClientFromConfig(
  config: KustomerConfig,
  overrides: Partial<KustomerClientOptions> = {},
): KustomerClient {
  const baseURL = overrides.baseURL ?? config.baseUrl;
  const apiKey = overrides.apiKey ?? config.apiKey;
  if (!baseURL || !apiKey) {
    throw new ConfigError(
      'KUSTOMER_API_KEY is not set: start the sandbox and pass its URL and key',
    );
  }
  return createKustomerClient({
    timeoutMs: config.timeoutMs,
    rateLimitPerMin: config.rateLimitPerMin,
    app: config.app,
    appUrl: config.appUrl,
    debug: config.debug,
    ...overrides,
    baseURL,
    apiKey,
  });
}

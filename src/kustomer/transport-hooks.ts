/**
 * What the transport hangs on its axios instance: the limiter before every attempt, rate-limit
 * headers and metrics after every answer, and axios-retry for what is safe to repeat.
 * Retry rules (why each is safe), from the traits failure-class.ts gives the failure:
 * - transient and did not land (429 and 503): Kustomer did not process the request, so any
 *   method is retried, after the advertised reset for a 429 (unless that is longer than
 *   maxRateLimitWaitMs: then the caller gets a RateLimitError at once and can queue).
 * - transient and may have landed (other 5xx, network errors and timeouts): retried for reads and
 *   merges (GET, PUT, PATCH), never for POST, where the write may have happened; the caller looks
 *   the resource up by externalId.
 */
import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import { backoffDelay } from './backoff.js';
import { classifyCall, transportOf } from './failure-class.js';
import type { Limiter } from './limiter.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from './metrics.js';
import { parseRateLimit, retryAfterMs } from './rate-limit-headers.js';
import type { RequestLane } from './types.js';

export interface CallMeta {
  route: string;
  lane: RequestLane;
  startedAt: number;
  /** The longest this request may wait for rate budget before it is rejected unsent. */
  maxWaitMs: number;
}
export type MetaConfig = InternalAxiosRequestConfig & { meta?: CallMeta };

export interface HookDeps {
  limiter: Limiter;
  metrics: Metrics;
  logger: Logger;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retries: number;
  maxRateLimitWaitMs: number;
}

/** Waits for the limiter before each attempt; records rate-limit headers and metrics after it. */
export function installLimiterAndMetrics(instance: AxiosInstance, deps: HookDeps): void {
  const { limiter, metrics, clock } = deps;
  instance.interceptors.request.use(async (config: MetaConfig) => {
    await limiter.acquire(config.meta?.lane ?? 'escalation', config.meta?.maxWaitMs);
    if (config.meta) config.meta.startedAt = clock();
    return config;
  });
  const observe = (response: AxiosResponse | undefined, config: MetaConfig, code?: string) => {
    const info = parseRateLimit(response?.headers, clock());
    limiter.observe(info);
    metrics.observeRateLimit(info);
    if (response?.status === 429)
      limiter.pauseUntil(clock() + retryAfterMs(response.headers, clock()));
    const meta = config?.meta;
    if (!meta) return;
    // A 404 is how Kustomer's lookups say "no match": an answer, not a failure.
    const ok = Boolean(response && (response.status < 400 || response.status === 404));
    metrics.record(`${config.method?.toUpperCase()} ${meta.route}`, clock() - meta.startedAt, {
      ok,
      ...(response ? { status: response.status } : {}),
      ...(ok ? {} : { code: code ?? String(response?.status ?? 'network') }),
    });
  };
  instance.interceptors.response.use(
    (response) => {
      observe(response, response.config as MetaConfig);
      return response;
    },
    (error: AxiosError) => {
      const code = error.response ? undefined : (error.code ?? 'network');
      observe(error.response, error.config as MetaConfig, code);
      return Promise.reject(error);
    },
  );
}

/** Transient failures only, as failure-class.ts decides; one that may have landed, not for POST. */
function shouldRetry(error: AxiosError, maxRateLimitWaitMs: number, now: number): boolean {
  if (error.code === 'ERR_CANCELED') return false; // the caller gave up on it
  const method = (error.config?.method ?? 'get').toUpperCase();
  const status = error.response?.status;
  const failure = classifyCall(
    status === undefined ? { transport: transportOf(error.code) } : { status },
  );
  if (!failure.transient) return false;
  if (failure.code === 'rate_limit')
    return retryAfterMs(error.response?.headers, now) <= maxRateLimitWaitMs;
  return !failure.mayHaveLanded || method !== 'POST';
}

export function installRetries(instance: AxiosInstance, deps: HookDeps): void {
  const { clock } = deps;
  axiosRetry(instance, {
    retries: deps.retries,
    shouldResetTimeout: true,
    retryCondition: (error) => shouldRetry(error, deps.maxRateLimitWaitMs, clock()),
    // The wait happens in onRetry through the injected sleep, so tests can assert it exactly.
    retryDelay: () => 0,
    onRetry: async (retryCount, error, config) => {
      const status = error.response?.status;
      const delay =
        status === 429
          ? retryAfterMs(error.response?.headers, clock()) + Math.floor(deps.random() * 250)
          : backoffDelay(retryCount, deps.random);
      deps.logger.debug('kustomer retry', {
        method: config.method?.toUpperCase(),
        route: (config as MetaConfig).meta?.route,
        status: status ?? error.code,
        attempt: retryCount,
        delayMs: delay,
      });
      await deps.sleep(delay);
    },
  });
}

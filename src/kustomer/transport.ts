/**
 * The single HTTP path to Kustomer: one keep-alive axios instance, the limiter in front of every
 * attempt, axios-retry behind it, metrics for every attempt, and one error factory at the end.
 * Retry rules (why each is safe):
 * - 429 and 503: Kustomer did not process the request, so any method is retried, after the
 *   advertised reset for a 429 (unless that is longer than maxRateLimitWaitMs: then the caller
 *   gets a RateLimitError at once and can queue).
 * - other 5xx, network errors and timeouts: retried for reads and merges (GET, PUT, PATCH), never
 *   for POST, where the write may have happened; the caller looks the resource up by externalId.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type { z } from 'zod';
import { backoffDelay } from './backoff.js';
import { exhausted, toKustomerError } from './error-factory.js';
import { KustomerRateLimitError, KustomerSchemaError, type KustomerError } from './errors.js';
import { RateBudgetWaitError, type Limiter } from './limiter.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { parseRateLimit, retryAfterMs } from './rate-limit-headers.js';
import { redactValue, type Redactor } from './redact.js';
import type { CallOptions, RequestLane } from './types.js';

export interface TransportOptions {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  retries: number;
  maxRateLimitWaitMs: number;
  limiter: Limiter;
  metrics: Metrics;
  logger: Logger;
  /** Read at each call: debug mode can be switched at run time. */
  debug: () => boolean;
  redact: Redactor;
  sleep: (ms: number) => Promise<void>;
  clock: () => number;
  random: () => number;
  userAgent: string;
}

export interface CallSpec<T> extends CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** The real path, with values encoded. */
  path: string;
  /** The route template for metrics and messages: `/v1/customers/email={email}`. */
  route: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Roles that allow this route, named in a 403. */
  roles?: string[];
}

export interface Transport {
  call<T>(spec: CallSpec<T>): Promise<T>;
  /** As call, but a 404 answers null: Kustomer's lookups say "no match" with 404. */
  find<T>(spec: CallSpec<T>): Promise<T | null>;
}

interface CallMeta {
  route: string;
  lane: RequestLane;
  startedAt: number;
  maxWaitMs: number;
}
type MetaConfig = InternalAxiosRequestConfig & { meta?: CallMeta };

function shouldRetry(error: AxiosError, maxRateLimitWaitMs: number, now: number): boolean {
  const method = (error.config?.method ?? 'get').toUpperCase();
  const status = error.response?.status;
  if (status === undefined) return error.code !== 'ERR_CANCELED' && method !== 'POST';
  if (status === 429) return retryAfterMs(error.response?.headers, now) <= maxRateLimitWaitMs;
  if (status === 503) return true;
  return status >= 500 && method !== 'POST';
}

export function createTransport(options: TransportOptions): Transport {
  const { limiter, metrics, clock } = options;
  const instance = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    headers: {
      Authorization: `Bearer ${options.apiKey}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': options.userAgent,
    },
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 50 }),
  });

  instance.interceptors.request.use(async (config: MetaConfig) => {
    await limiter.acquire(config.meta?.lane ?? 'escalation', config.meta?.maxWaitMs);
    if (config.meta) config.meta.startedAt = clock();
    return config;
  });
  const observe = (
    response: AxiosResponse | undefined,
    config: MetaConfig | undefined,
    code?: string,
  ) => {
    const meta = config?.meta;
    const info = parseRateLimit(response?.headers, clock());
    limiter.observe(info);
    metrics.observeRateLimit(info);
    if (response?.status === 429)
      limiter.pauseUntil(clock() + retryAfterMs(response.headers, clock()));
    if (meta) {
      // A 404 is how Kustomer's lookups say "no match": an answer, not a failure.
      const ok = Boolean(response && (response.status < 400 || response.status === 404));
      metrics.record(`${config?.method?.toUpperCase()} ${meta.route}`, clock() - meta.startedAt, {
        ok,
        ...(response ? { status: response.status } : {}),
        ...(ok ? {} : { code: code ?? String(response?.status ?? 'network') }),
      });
    }
  };
  instance.interceptors.response.use(
    (response) => {
      observe(response, response.config as MetaConfig);
      return response;
    },
    (error: AxiosError) => {
      observe(
        error.response,
        error.config as MetaConfig,
        error.response ? undefined : (error.code ?? 'network'),
      );
      return Promise.reject(error);
    },
  );
  axiosRetry(instance, {
    retries: options.retries,
    shouldResetTimeout: true,
    retryCondition: (error) => shouldRetry(error, options.maxRateLimitWaitMs, clock()),
    // The wait happens in onRetry through the injected sleep, so tests can assert it exactly.
    retryDelay: () => 0,
    onRetry: async (retryCount, error, config) => {
      const status = error.response?.status;
      const delay =
        status === 429
          ? retryAfterMs(error.response?.headers, clock()) + Math.floor(options.random() * 250)
          : backoffDelay(retryCount, options.random);
      options.logger.debug('kustomer retry', {
        method: config.method?.toUpperCase(),
        route: (config as MetaConfig).meta?.route,
        status: status ?? error.code,
        attempt: retryCount,
        delayMs: delay,
      });
      await options.sleep(delay);
    },
  });

  function failure(error: unknown, spec: CallSpec<unknown>): KustomerError {
    // The org's budget is spent until later than the caller will wait: nothing was sent, and the
    // caller (an escalation) is queued for the reset instead of hanging.
    if (error instanceof RateBudgetWaitError) {
      return new KustomerRateLimitError(
        `Kustomer ${spec.method} ${spec.route} not sent: ${error.message}`,
        error.waitMs,
        { method: spec.method, path: spec.route },
      );
    }
    const axiosError = error as AxiosError;
    const response = axiosError.response;
    const transport = response
      ? undefined
      : axiosError.code === 'ECONNABORTED' || axiosError.code === 'ETIMEDOUT'
        ? 'timeout'
        : 'network';
    const mapped = toKustomerError(
      {
        method: spec.method,
        route: spec.route,
        ...(response ? { status: response.status, body: response.data } : {}),
        ...(transport ? { transport } : {}),
        timeoutMs: options.timeoutMs,
        ...(response?.status === 429
          ? { retryAfterMs: retryAfterMs(response.headers, clock()) }
          : {}),
        ...(spec.roles ? { requiredRoles: spec.roles } : {}),
        ...(requestIdOf(response) ? { requestId: requestIdOf(response)! } : {}),
        cause: new Error(options.redact(axiosError.message ?? 'request failed')),
      },
      options.redact,
    );
    const retryCount =
      (axiosError.config as { 'axios-retry'?: { retryCount?: number } } | undefined)?.[
        'axios-retry'
      ]?.retryCount ?? 0;
    return retryCount > 0 && mapped.retryable ? exhausted(mapped, retryCount + 1) : mapped;
  }

  async function call<T>(spec: CallSpec<T>): Promise<T> {
    let response: AxiosResponse;
    try {
      response = await instance.request({
        method: spec.method,
        url: spec.path,
        ...(spec.query ? { params: spec.query } : {}),
        ...(spec.body === undefined ? {} : { data: spec.body }),
        ...(spec.signal ? { signal: spec.signal } : {}),
        meta: {
          route: spec.route,
          lane: spec.lane ?? 'escalation',
          startedAt: clock(),
          maxWaitMs: Math.min(options.maxRateLimitWaitMs, spec.maxWaitMs ?? Infinity),
        },
      } as MetaConfig);
    } catch (error) {
      const mapped = failure(error, spec as CallSpec<unknown>);
      debugLog(spec, mapped.status ?? mapped.code, spec.body);
      throw mapped;
    }
    debugLog(spec, response.status, spec.body);
    const parsed = spec.schema.safeParse(response.data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      throw new KustomerSchemaError(
        `Kustomer ${spec.method} ${spec.route} answered ${response.status} with an unexpected body: ${issues.join('; ')}`,
        issues,
        {
          method: spec.method,
          path: spec.route,
          status: response.status,
          ...(requestIdOf(response) ? { requestId: requestIdOf(response)! } : {}),
          cause: parsed.error,
        },
      );
    }
    return parsed.data;
  }

  function debugLog(spec: CallSpec<unknown>, outcome: unknown, body: unknown): void {
    if (!options.debug()) return;
    options.logger.debug('kustomer call', {
      method: spec.method,
      route: spec.route,
      outcome,
      ...(body === undefined ? {} : { body: redactValue(body, options.redact) }),
    });
  }

  return {
    call,
    async find(spec) {
      try {
        return await call(spec);
      } catch (error) {
        if ((error as KustomerError).code === 'not_found') return null;
        throw error;
      }
    },
  };
}

function requestIdOf(response: AxiosResponse | undefined): string | undefined {
  const value = response?.headers?.['x-request-id'] ?? response?.headers?.['x-kustomer-request-id'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The single HTTP path to Kustomer: one keep-alive axios instance with the limiter, metrics and
 * retries hung on it (transport-hooks.ts), and one error mapping at the end (transport-failure.ts).
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { KustomerSchemaError, type KustomerError } from './errors.js';
import type { Limiter } from './limiter.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from './metrics.js';
import { redactValue, type Redactor } from '../platform/redact.js';
import { callFailure, schemaFailure } from './transport-failure.js';
import { buildPath, type RouteParams } from './route-path.js';
import { installLimiterAndMetrics, installRetries, type MetaConfig } from './transport-hooks.js';
import type { CallOptions } from './types.js';

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

/**
 * One call. Its path is written once, as the route template with its values
 * (`route: '/v1/customers/{id}', params: { id }`): the transport encodes each value into the real
 * path, and metrics, logs and error messages name the template (they never carry ids or emails).
 */
export type CallSpec<T, R extends string = string> = CallOptions & {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route template: `/v1/customers/email={email}`, `/v1/chat/queues/metrics/{ids}`. */
  route: R;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Roles that allow this route, named in a 403. */
  roles?: string[];
  /**
   * A link Kustomer gave for this route (`links.next`, a path with its query), sent as it is in
   * place of the path built from the template. Only a path on the client's own origin.
   */
  link?: string;
} & RouteParams<R>;

export interface Transport {
  call<T, const R extends string>(spec: CallSpec<T, R>): Promise<T>;
  /** As call, but a 404 answers null: Kustomer's lookups say "no match" with 404. */
  find<T, const R extends string>(spec: CallSpec<T, R>): Promise<T | null>;
}

export function createTransport(options: TransportOptions): Transport {
  const { clock } = options;
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

  installLimiterAndMetrics(instance, options);
  installRetries(instance, options);

  async function call<T>(spec: CallSpec<T>): Promise<T> {
    const url = spec.link
      ? sameOriginPath(spec, spec.link, options.baseURL)
      : buildPath(spec.method, spec.route, spec.params);
    let response: AxiosResponse;
    try {
      response = await instance.request({
        method: spec.method,
        url,
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
      const mapped = callFailure(error, spec as CallSpec<unknown>, options);
      debugLog(spec, mapped.status ?? mapped.code, spec.body);
      throw mapped;
    }
    debugLog(spec, response.status, spec.body);
    const parsed = spec.schema.safeParse(response.data);
    if (!parsed.success) throw schemaFailure(spec as CallSpec<unknown>, response, parsed.error);
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
    call: call as Transport['call'],
    async find<T>(spec: CallSpec<T>) {
      try {
        return await call(spec);
      } catch (error) {
        if ((error as KustomerError).code === 'not_found') return null;
        throw error;
      }
    },
  };
}

/**
 * A link from a response, as a path for the instance: a path, or an absolute URL on the
 * client's own origin. Anything else would send the API key to another host.
 */
function sameOriginPath(spec: CallSpec<unknown>, link: string, baseURL: string): string {
  if (link.startsWith('/') && !link.startsWith('//')) return link;
  const target = URL.canParse(link, baseURL) ? new URL(link, baseURL) : null;
  if (target?.origin !== new URL(baseURL).origin) {
    const issue = 'links: a link to another origin, not followed';
    throw new KustomerSchemaError(`Kustomer ${spec.method} ${spec.route}: ${issue}`, [issue], {
      method: spec.method,
      path: spec.route,
    });
  }
  return target.pathname + target.search;
}

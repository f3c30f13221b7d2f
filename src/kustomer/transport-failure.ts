/**
 * How a failed or unparseable call becomes a KustomerError: what was refused unsent for lack of
 * rate budget, what Kustomer answered, what never got an answer, and a 2xx whose body does not
 * match the schema. The messages name method and route, never values, and carry the request id.
 */
import type { AxiosError, AxiosResponse } from 'axios';
import type { z } from 'zod';
import { exhausted, toKustomerError } from './error-factory.js';
import { transportOf } from './failure-class.js';
import { KustomerRateLimitError, KustomerSchemaError, type KustomerError } from './errors.js';
import { RateBudgetWaitError } from './limiter.js';
import { retryAfterMs } from './rate-limit-headers.js';
import type { Redactor } from '../platform/redact.js';
import type { CallSpec } from './transport.js';

export interface FailureContext {
  timeoutMs: number;
  clock: () => number;
  redact: Redactor;
}

export function requestIdOf(response: AxiosResponse | undefined): string | undefined {
  const value = response?.headers?.['x-request-id'] ?? response?.headers?.['x-kustomer-request-id'];
  return typeof value === 'string' ? value : undefined;
}

export function callFailure(
  error: unknown,
  spec: CallSpec<unknown>,
  context: FailureContext,
): KustomerError {
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
  const transport = response ? undefined : transportOf(axiosError.code);
  const requestId = requestIdOf(response);
  const mapped = toKustomerError(
    {
      method: spec.method,
      route: spec.route,
      ...(response ? { status: response.status, body: response.data } : {}),
      ...(transport ? { transport } : {}),
      timeoutMs: context.timeoutMs,
      ...(response?.status === 429
        ? { retryAfterMs: retryAfterMs(response.headers, context.clock()) }
        : {}),
      ...(spec.roles ? { requiredRoles: spec.roles } : {}),
      ...(requestId ? { requestId } : {}),
      cause: new Error(context.redact(axiosError.message ?? 'request failed')),
    },
    context.redact,
  );
  const retryCount =
    (axiosError.config as { 'axios-retry'?: { retryCount?: number } } | undefined)?.['axios-retry']
      ?.retryCount ?? 0;
  return retryCount > 0 && mapped.transient ? exhausted(mapped, retryCount + 1) : mapped;
}

/** A 2xx whose body is not what Kustomer documents: its own error, not an HTTP failure. */
export function schemaFailure(
  spec: CallSpec<unknown>,
  response: AxiosResponse,
  error: z.ZodError,
): KustomerSchemaError {
  const issues = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  const requestId = requestIdOf(response);
  return new KustomerSchemaError(
    `Kustomer ${spec.method} ${spec.route} answered ${response.status} with an unexpected body: ${issues.join('; ')}`,
    issues,
    {
      method: spec.method,
      path: spec.route,
      status: response.status,
      ...(requestId ? { requestId } : {}),
      cause: error,
    },
  );
}

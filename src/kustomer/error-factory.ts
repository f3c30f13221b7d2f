/**
 * The one place a failed Kustomer call becomes a KustomerError. Kustomer answers errors in two
 * shapes ({errors:[{code,message}]} and JSON:API {errors:[{status,code,title,detail,source}]};
 * https://developer.kustomer.com/docs/concepts/errors); both are read.
 */
import {
  KustomerAuthError,
  KustomerConflictError,
  KustomerError,
  KustomerNetworkError,
  KustomerNotFoundError,
  KustomerPermissionError,
  KustomerRateLimitError,
  KustomerTimeoutError,
  KustomerUnavailableError,
  KustomerValidationError,
  type KustomerErrorDetails,
} from './errors.js';
import { maskContact, type Redactor } from '../platform/redact.js';

export interface FailedCall {
  method: string;
  /** The route template (`/v1/customers/email={email}`): messages never carry emails or ids. */
  route: string;
  status?: number;
  body?: unknown;
  requestId?: string;
  /** Set for a failure without a response. */
  transport?: 'timeout' | 'network';
  timeoutMs?: number;
  retryAfterMs?: number;
  /** Roles that would allow this route, for a 403. */
  requiredRoles?: string[];
  cause?: unknown;
}

interface KustomerErrorItem {
  code?: unknown;
  message?: unknown;
  title?: unknown;
  detail?: unknown;
  source?: { pointer?: unknown; parameter?: unknown; parameters?: unknown };
}

/** Kustomer's own explanation from either error shape, and the field it points at. */
export function kustomerReason(body: unknown): { message?: string; pointer?: string } {
  const first = (body as { errors?: KustomerErrorItem[] } | undefined)?.errors?.[0];
  if (!first || typeof first !== 'object') return {};
  const text = [first.detail, first.message, first.title, first.code].find(
    (v) => typeof v === 'string' && v,
  );
  const pointer = [first.source?.pointer, first.source?.parameter, first.source?.parameters].find(
    (v) => typeof v === 'string',
  );
  return {
    ...(typeof text === 'string' ? { message: text.slice(0, 300) } : {}),
    ...(typeof pointer === 'string' ? { pointer } : {}),
  };
}

export function toKustomerError(call: FailedCall, redact: Redactor): KustomerError {
  const details: KustomerErrorDetails = {
    method: call.method,
    path: call.route,
    ...(call.status === undefined ? {} : { status: call.status }),
    ...(call.requestId === undefined ? {} : { requestId: call.requestId }),
    ...(call.cause === undefined ? {} : { cause: call.cause }),
  };
  const head = `Kustomer ${call.method} ${call.route} failed`;
  if (call.transport === 'timeout') {
    return new KustomerTimeoutError(
      `${head}: no answer within ${call.timeoutMs} ms`,
      call.timeoutMs ?? 0,
      details,
    );
  }
  if (call.transport === 'network' || call.status === undefined) {
    return new KustomerNetworkError(`${head}: connection error`, details);
  }
  const reason = kustomerReason(call.body);
  // Kustomer's text reaches admin responses, the outbox and CLI output: scrubbed like a log line.
  const upstream = reason.message && maskContact(redact(reason.message));
  const said = upstream ? ` (${upstream})` : '';
  const status = call.status;
  if (status === 401)
    return new KustomerAuthError(
      `${head}: 401 — the API key is invalid, expired, revoked or for another region${said}`,
      details,
    );
  if (status === 403) {
    const roles = call.requiredRoles ?? [];
    const need = roles.length ? `; the key needs one of: ${roles.join(', ')}` : '';
    return new KustomerPermissionError(
      `${head}: 403 — permission denied${need}${said}`,
      roles,
      details,
    );
  }
  if (status === 404) return new KustomerNotFoundError(`${head}: 404${said}`, details);
  if (status === 409) return new KustomerConflictError(`${head}: 409${said}`, details);
  if (status === 429) {
    return new KustomerRateLimitError(
      `${head}: 429 — rate limited${said}`,
      call.retryAfterMs ?? 60_000,
      details,
    );
  }
  if (status >= 500) return new KustomerUnavailableError(`${head}: ${status}${said}`, details);
  if (status >= 400) {
    return new KustomerValidationError(
      `${head}: ${status}${said}`,
      upstream,
      reason.pointer,
      details,
    );
  }
  return new KustomerError('http', `${head}: ${status}${said}`, false, details);
}

/**
 * Retries ran out on a failure that could have succeeded later. A 429 stays a RateLimitError with
 * its retryAfterMs, so the caller can queue for the reset instead of backing off blindly.
 */
export function exhausted(error: KustomerError, attempts: number): KustomerError {
  if (error.code === 'unavailable' && !error.cause) return error;
  const details = {
    ...(error.method ? { method: error.method } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.requestId ? { requestId: error.requestId } : {}),
    cause: error,
  };
  const message = `${error.message}; gave up after ${attempts} attempts`;
  if (error instanceof KustomerRateLimitError)
    return new KustomerRateLimitError(message, error.retryAfterMs, details);
  return new KustomerUnavailableError(message, details);
}

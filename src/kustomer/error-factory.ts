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
  type KustomerErrorCode,
  type KustomerErrorDetails,
} from './errors.js';
import { maskContact, type Redactor } from '../platform/redact.js';
import { codeForCall, type Transport } from './failure-class.js';

export interface FailedCall {
  method: string;
  /** The route template (`/v1/customers/email={email}`): messages never carry emails or ids. */
  route: string;
  status?: number;
  body?: unknown;
  requestId?: string;
  /** Set for a failure without a response. */
  transport?: Transport;
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
  const code = codeForCall(call);
  if (code === 'timeout') {
    const ms = call.timeoutMs ?? 0;
    return new KustomerTimeoutError(`${head}: no answer within ${call.timeoutMs} ms`, ms, details);
  }
  if (code === 'network') return new KustomerNetworkError(`${head}: connection error`, details);
  return answered(call, code, head, details, redact);
}

/** The error for an answer Kustomer gave, with its own explanation when it sent one. */
function answered(
  call: FailedCall,
  code: KustomerErrorCode,
  head: string,
  details: KustomerErrorDetails,
  redact: Redactor,
): KustomerError {
  const reason = kustomerReason(call.body);
  // Kustomer's text reaches admin responses, the outbox and CLI output: scrubbed like a log line.
  const upstream = reason.message && maskContact(redact(reason.message));
  const said = upstream ? ` (${upstream})` : '';
  const status = call.status!;
  switch (code) {
    case 'auth':
      return new KustomerAuthError(
        `${head}: 401 — the API key is invalid, expired, revoked or for another region${said}`,
        details,
      );
    case 'permission': {
      const roles = call.requiredRoles ?? [];
      const need = roles.length ? `; the key needs one of: ${roles.join(', ')}` : '';
      const message = `${head}: 403 — permission denied${need}${said}`;
      return new KustomerPermissionError(message, roles, details);
    }
    case 'not_found':
      return new KustomerNotFoundError(`${head}: 404${said}`, details);
    case 'conflict':
      return new KustomerConflictError(`${head}: 409${said}`, details);
    case 'rate_limit':
      return new KustomerRateLimitError(
        `${head}: 429 — rate limited${said}`,
        call.retryAfterMs ?? 60_000,
        details,
      );
    case 'unavailable':
      return new KustomerUnavailableError(`${head}: ${status}${said}`, details);
    case 'validation':
      return new KustomerValidationError(
        `${head}: ${status}${said}`,
        upstream,
        reason.pointer,
        details,
      );
    default:
      return new KustomerError('http', `${head}: ${status}${said}`, details);
  }
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

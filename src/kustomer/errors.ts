/**
 * One error family for everything that goes wrong talking to Kustomer. Errors carry a brand so
 * `isKustomerError` works even across duplicate copies of this module, and messages name the
 * method and path (`Kustomer POST /v1/customers failed: 429`) but never the key. Each carries
 * `transient` and `mayHaveLanded` as failure-class.ts decides them for its class and status.
 */
import { traitsOf, type KustomerErrorCode } from './failure-class.js';

const BRAND = Symbol.for('kustomer-escalation.KustomerError');

export type { KustomerErrorCode } from './failure-class.js';

export interface KustomerErrorDetails {
  method?: string;
  path?: string;
  status?: number;
  requestId?: string;
  cause?: unknown;
}

export class KustomerError extends Error {
  readonly [BRAND] = true;
  readonly code: KustomerErrorCode;
  /** Worth trying again later as is (see failure-class.ts). */
  readonly transient: boolean;
  /** The request may have been processed: look before writing again (see failure-class.ts). */
  readonly mayHaveLanded: boolean;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly requestId: string | undefined;

  constructor(code: KustomerErrorCode, message: string, details: KustomerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'KustomerError';
    this.code = code;
    const traits = traitsOf(code, details.status);
    this.transient = traits.transient;
    this.mayHaveLanded = traits.mayHaveLanded;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.requestId;
  }

  /** A log- and API-safe view: no cause chain, no headers. */
  toJSON(): {
    code: KustomerErrorCode;
    message: string;
    status?: number;
    requestId?: string;
    transient: boolean;
    mayHaveLanded: boolean;
  } {
    return {
      code: this.code,
      message: this.message,
      transient: this.transient,
      mayHaveLanded: this.mayHaveLanded,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
    };
  }
}

export class KustomerAuthError extends KustomerError {
  constructor(message: string, details?: KustomerErrorDetails) {
    super('auth', message, details);
    this.name = 'KustomerAuthError';
  }
}

export class KustomerPermissionError extends KustomerError {
  /** The roles that would allow the call (any one is enough). */
  readonly requiredRoles: string[];
  constructor(message: string, requiredRoles: string[], details?: KustomerErrorDetails) {
    super('permission', message, details);
    this.name = 'KustomerPermissionError';
    this.requiredRoles = requiredRoles;
  }
}

export class KustomerNotFoundError extends KustomerError {
  constructor(message: string, details?: KustomerErrorDetails) {
    super('not_found', message, details);
    this.name = 'KustomerNotFoundError';
  }
}

export class KustomerValidationError extends KustomerError {
  /** Kustomer's own error text (errors[0].message / detail), already free of secrets. */
  readonly kustomerMessage: string | undefined;
  readonly pointer: string | undefined;
  constructor(
    message: string,
    kustomerMessage?: string,
    pointer?: string,
    details?: KustomerErrorDetails,
  ) {
    super('validation', message, details);
    this.name = 'KustomerValidationError';
    this.kustomerMessage = kustomerMessage;
    this.pointer = pointer;
  }
}

export class KustomerConflictError extends KustomerError {
  constructor(message: string, details?: KustomerErrorDetails) {
    super('conflict', message, details);
    this.name = 'KustomerConflictError';
  }
}

export class KustomerRateLimitError extends KustomerError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, details?: KustomerErrorDetails) {
    super('rate_limit', message, details);
    this.name = 'KustomerRateLimitError';
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The request may or may not have reached Kustomer (connection reset, DNS, refused). For a POST
 * that is ambiguous: look the resource up by externalId before creating it again.
 */
export class KustomerNetworkError extends KustomerError {
  constructor(message: string, details?: KustomerErrorDetails) {
    super('network', message, details);
    this.name = 'KustomerNetworkError';
  }
}

/** No answer within the timeout; as ambiguous as a network error. */
export class KustomerTimeoutError extends KustomerError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, details?: KustomerErrorDetails) {
    super('timeout', message, details);
    this.name = 'KustomerTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** Kustomer answered 5xx, or retries ran out on a transient failure. */
export class KustomerUnavailableError extends KustomerError {
  constructor(message: string, details?: KustomerErrorDetails) {
    super('unavailable', message, details);
    this.name = 'KustomerUnavailableError';
  }
}

/** A 2xx whose body does not have the shape Kustomer documents. Not an HTTP error. */
export class KustomerSchemaError extends KustomerError {
  readonly issues: string[];
  constructor(message: string, issues: string[], details?: KustomerErrorDetails) {
    super('schema', message, details);
    this.name = 'KustomerSchemaError';
    this.issues = issues;
  }
}

export function isKustomerError(value: unknown): value is KustomerError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

function hasCode<T extends KustomerError>(code: KustomerErrorCode) {
  return (value: unknown): value is T => isKustomerError(value) && value.code === code;
}

export const isAuthError = hasCode<KustomerAuthError>('auth');
export const isPermissionError = hasCode<KustomerPermissionError>('permission');
export const isNotFoundError = hasCode<KustomerNotFoundError>('not_found');
export const isValidationError = hasCode<KustomerValidationError>('validation');
export const isConflictError = hasCode<KustomerConflictError>('conflict');
export const isRateLimitError = hasCode<KustomerRateLimitError>('rate_limit');
export const isUnavailableError = hasCode<KustomerUnavailableError>('unavailable');
export const isSchemaError = hasCode<KustomerSchemaError>('schema');

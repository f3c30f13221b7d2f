/**
 * One error family: every failure, provoked over real HTTP, is a branded KustomerError of the
 * right class with code, transient, mayHaveLanded, status, requestId and cause, a message naming method and
 * route template (never the email or id in the path), and exactly one matching type guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KustomerRateLimitError, KustomerSchemaError } from '../../src/kustomer/errors.js';
import {
  isAuthError,
  isConflictError,
  isKustomerError,
  isNotFoundError,
  isPermissionError,
  isRateLimitError,
  isSchemaError,
  isUnavailableError,
  isValidationError,
  KustomerError,
  type KustomerErrorCode,
} from '../../src/kustomer/errors.js';
import {
  errorCases,
  RAW_REQUEST_ID,
  startErrorWorld,
  thrownBy,
  type ErrorWorld,
} from './support/error-cases.js';

const KEY = 'errors-test-key-0000000000000';
const NARROW = 'errors-test-narrow-key-000000';
const BAD = 'errors-test-bad-key-000000000';

const GUARDS: Record<string, (value: unknown) => boolean> = {
  auth: isAuthError,
  permission: isPermissionError,
  not_found: isNotFoundError,
  validation: isValidationError,
  conflict: isConflictError,
  rate_limit: isRateLimitError,
  unavailable: isUnavailableError,
  schema: isSchemaError,
};
const TRANSIENT: Record<KustomerErrorCode, boolean> = {
  auth: false,
  permission: false,
  not_found: false,
  validation: false,
  conflict: false,
  rate_limit: true,
  network: true,
  timeout: true,
  unavailable: true,
  schema: false,
  http: false,
};
// Whether Kustomer may have processed the request: only a refusal (4xx) or a 503 proves it did not;
// the schema case is a 200 whose body we cannot use (the cases' 'unavailable' is a 503).
const LANDED: Record<KustomerErrorCode, boolean> = {
  auth: false,
  permission: false,
  not_found: false,
  validation: false,
  conflict: false,
  rate_limit: false,
  network: true,
  timeout: true,
  unavailable: false,
  schema: true,
  http: true,
};

let world: ErrorWorld;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, close } = await startErrorWorld(KEY, NARROW));
});
afterAll(() => close());

describe.each(errorCases(BAD, NARROW))('$name', (errorCase) => {
  let error: unknown;
  beforeAll(async () => {
    error = await thrownBy(world, errorCase);
  });

  it('is a branded KustomerError with code, transient, mayHaveLanded, status, requestId and cause', () => {
    expect(error).toBeInstanceOf(KustomerError);
    expect(isKustomerError(error)).toBe(true);
    const e = error as KustomerError;
    expect(e.code).toBe(errorCase.code);
    expect(e.transient).toBe(TRANSIENT[errorCase.code]);
    expect(e.mayHaveLanded).toBe(LANDED[errorCase.code]);
    expect(e.status).toBe(errorCase.status);
    expect(e.method).toBe(errorCase.method);
    expect(e.path).toBe(errorCase.route);
    expect(e.cause).toBeInstanceOf(Error);
    // Every answer carries x-request-id (the sandbox's are UUIDs); no answer, no id.
    if (errorCase.code === 'schema') expect(e.requestId).toBe(RAW_REQUEST_ID);
    else if (errorCase.status !== undefined) expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    else expect(e.requestId).toBeUndefined();
    expect(e.toJSON()).toEqual({
      code: e.code,
      message: e.message,
      transient: e.transient,
      mayHaveLanded: e.mayHaveLanded,
      ...(e.status === undefined ? {} : { status: e.status }),
      ...(e.requestId === undefined ? {} : { requestId: e.requestId }),
    });
  });

  it('names the method and route template, not the values in the path', () => {
    const message = (error as Error).message;
    expect(message.startsWith(`Kustomer ${errorCase.method} ${errorCase.route} `)).toBe(true);
    // Kustomer's own explanation, in brackets, may quote what was sent; our words never do.
    const ours = message.replace(/ \(.*\)/, '');
    expect(ours).not.toMatch(/@example\.com|5f00000000000000000000cc|during-outage/);
  });

  it('matches exactly one type guard', () => {
    const matching = Object.entries(GUARDS)
      .filter(([, guard]) => guard(error))
      .map(([code]) => code);
    expect(matching).toEqual(errorCase.code in GUARDS ? [errorCase.code] : []);
  });
});

describe('details', () => {
  it('a RateLimitError carries how long to wait', async () => {
    const [rateLimit] = errorCases(BAD, NARROW).filter((c) => c.code === 'rate_limit');
    const error = (await thrownBy(world, rateLimit!)) as KustomerRateLimitError;
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.message).toContain('429');
  });

  it('an outage that outlasts the retries says how many attempts were made', async () => {
    const [outage] = errorCases(BAD, NARROW).filter((c) => c.code === 'unavailable');
    const error = (await thrownBy(world, outage!)) as KustomerError;
    expect(error.message).toMatch(/failed: 503.*gave up after 4 attempts/);
    expect(isUnavailableError(error.cause)).toBe(true);
  });

  it('a schema error names the needed field that did not parse, and only that', async () => {
    const [schema] = errorCases(BAD, NARROW).filter((c) => c.code === 'schema');
    const error = (await thrownBy(world, schema!)) as KustomerSchemaError;
    expect(error.message).toMatch(/answered 200 with an unexpected body: data\.id: /);
    // `attributes` is not an object there: tolerated, as every field read from it is optional.
    expect(error.issues).toHaveLength(1);
  });
});

describe('brand', () => {
  it('recognises an error from another copy of the module by its brand', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('kustomer-escalation.KustomerError')]: true,
      code: 'rate_limit',
    });
    expect(isKustomerError(foreign)).toBe(true);
    expect(isRateLimitError(foreign)).toBe(true);
    expect(isAuthError(foreign)).toBe(false);
  });

  it('does not mistake other errors for Kustomer errors', () => {
    for (const value of [new Error('x'), { code: 'auth' }, null, 'auth', undefined]) {
      expect(isKustomerError(value)).toBe(false);
      expect(Object.values(GUARDS).some((guard) => guard(value))).toBe(false);
    }
  });
});

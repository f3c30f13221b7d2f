/**
 * The one place that decides what a failed Kustomer call means: its class (the KustomerError
 * code), whether it is transient (the same call may succeed later without anyone changing
 * anything), and whether the request may have landed (written something we did not see).
 * The error factory stamps the answer on every KustomerError; retries, the breaker, the
 * escalation states, the HTTP answers, doctor and metrics read it from there.
 *
 * Exactly-once depends on `mayHaveLanded`: only answers that prove Kustomer did not process the
 * request are safe to repeat blindly: a 4xx (rejected, including 429) and a 503 (not taken in;
 * https://developer.kustomer.com/docs/concepts/errors). A request never sent (our own rate budget)
 * is safe too. A timeout, a reset connection or another 5xx may have committed.
 */
export type KustomerErrorCode =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'rate_limit'
  | 'network'
  | 'timeout'
  | 'unavailable'
  | 'schema'
  | 'http';

export interface FailureTraits {
  /** Worth trying again later as is: Kustomer was down, slow, unreachable or rate limiting. */
  transient: boolean;
  /** The request may have been processed: a retry must look before it writes again. */
  mayHaveLanded: boolean;
}

/** A call that got no answer: axios's code for it, or none. */
export type Transport = 'timeout' | 'network';

/** axios says ECONNABORTED for its own timeout, ETIMEDOUT for the socket's. */
export function transportOf(axiosCode: string | undefined): Transport {
  return axiosCode === 'ECONNABORTED' || axiosCode === 'ETIMEDOUT' ? 'timeout' : 'network';
}

/** The class of an answer that is not a success (401 auth, 403 permission, ... 5xx unavailable). */
export function codeForStatus(status: number): KustomerErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'unavailable';
  return status >= 400 ? 'validation' : 'http';
}

/** The class of a failed call from what came back: a status, or no answer at all. */
export function codeForCall(call: { status?: number; transport?: Transport }): KustomerErrorCode {
  if (call.transport === 'timeout') return 'timeout';
  if (call.transport === 'network' || call.status === undefined) return 'network';
  return codeForStatus(call.status);
}

/** Transient and may-have-landed for an error of this class and (when it had one) status. */
export function traitsOf(code: KustomerErrorCode, status?: number): FailureTraits {
  switch (code) {
    case 'rate_limit':
      // A 429, or refused unsent by our limiter: Kustomer took nothing in.
      return { transient: true, mayHaveLanded: false };
    case 'unavailable':
      // A 503 was not taken in; another 5xx, or retries given up on a network failure, may have.
      return { transient: true, mayHaveLanded: status !== 503 };
    case 'network':
    case 'timeout':
      return { transient: true, mayHaveLanded: true };
    case 'schema':
    case 'http':
      // Kustomer answered 2xx or 3xx: the write happened, its answer is what we cannot use.
      return { transient: false, mayHaveLanded: true };
    case 'auth':
    case 'permission':
    case 'not_found':
    case 'validation':
    case 'conflict':
      return { transient: false, mayHaveLanded: false };
  }
}

/** The class and traits of a failed call, before any KustomerError exists (retries, metrics). */
export function classifyCall(call: {
  status?: number;
  transport?: Transport;
}): FailureTraits & { code: KustomerErrorCode } {
  const code = codeForCall(call);
  return { code, ...traitsOf(code, call.status) };
}

/**
 * A failure that says Kustomer itself is unwell (down, failing, unreachable): transient, and not
 * a spent rate budget, which says the opposite (Kustomer is answering; we are over the budget
 * until its reset). The breaker counts these; doctor reports them as "not reachable".
 */
export function isOutage(error: { code: KustomerErrorCode; transient: boolean }): boolean {
  return error.transient && error.code !== 'rate_limit';
}

/**
 * A call to Kustomer on behalf of one attempt: through the circuit breaker, and cut short by the
 * attempt's deadline (the escalation's steps and the later chat messages alike).
 */
import type { CallOptions } from '../kustomer/types.js';
import type { Breaker } from './breaker.js';

/** What a call is given: the attempt's lane, signal and how long it may wait for rate budget. */
export interface CallRun {
  signal: AbortSignal;
  lane: CallOptions['lane'];
  /** The attempt's deadline: waiting longer than this for rate budget cannot help. */
  maxWaitMs: number;
}

export type Call = <T>(fn: (options: CallOptions) => Promise<T>) => Promise<T>;

/** Rejects with the abort reason as soon as the signal fires, even if the client ignores it. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? signal.reason : error);
      },
    );
  });
}

/** Calls through the breaker, cut short by the run's deadline (also used for later messages). */
export function makeCall(breaker: Breaker, run: CallRun): Call {
  return async (fn) => {
    run.signal.throwIfAborted();
    // A call cut short by our own deadline is not Kustomer's failure: it must not trip the breaker.
    return breaker.execute(() =>
      raceAbort(
        fn({ lane: run.lane, signal: run.signal, maxWaitMs: run.maxWaitMs }),
        run.signal,
      ).catch((error: unknown) => {
        throw run.signal.aborted ? run.signal.reason : error;
      }),
    );
  };
}

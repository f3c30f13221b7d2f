/**
 * A store that cannot be read or written (Redis unreachable, a full disk) is a temporary outage
 * of ours, not a bug in the request: callers answer 503 and ask to try again, and Kustomer's
 * webhook deliveries are retried. guardStore turns every failure of a store call into one
 * StoreUnavailableError that keeps the original as its cause (for the logs, never the answer),
 * except UnknownEscalationError, which says the store answered.
 */
import { UnknownEscalationError, type EscalationStore } from '../store.js';
import { wrapStore } from './wrap-store.js';

export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable';
  constructor(operation: string, cause: unknown) {
    super(`the escalation store failed during ${operation}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}

export function guardStore<S extends EscalationStore>(store: S): S {
  return wrapStore(store, async ({ name, proceed }) => {
    try {
      return await proceed();
    } catch (error) {
      // A missing record is an answer, not an outage.
      if (isStoreUnavailable(error) || error instanceof UnknownEscalationError) throw error;
      throw new StoreUnavailableError(name, error);
    }
  });
}

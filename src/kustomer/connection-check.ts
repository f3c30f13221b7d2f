/**
 * The one connection check, behind the Integrations page's Test connection, `npm run kustomer --
 * test-connection` and doctor: who the key is (GET /v1/auth/tokens/current works for any valid key
 * whatever its roles), the permission report from its roles, and the org's SLA policies. A
 * failure is explained the same way everywhere: a key from another region (`wrong_region`, with
 * the variable to set), a refused key, or an outage (failure-class.ts).
 */
import type { ConnectionError, ConnectionResult } from '../shared/integration.js';
import { isKustomerError, type KustomerError } from './errors.js';
import { isOutage } from './failure-class.js';
import { permissionReport, type PermissionScope } from './permissions.js';
import { regionFix, regionMismatch } from './region.js';
import { checkSlaSafety } from './sla-safety.js';
import type { AuthToken, KustomerClient } from './types.js';

export interface ConnectionCheck extends ConnectionResult {
  /** The key's token when it was accepted (doctor names the key). */
  token: AuthToken | null;
}

export interface ConnectionCheckOptions extends PermissionScope {
  /** @default Date.now */
  clock?: () => number;
}

/** What went wrong, and what to do about it. */
export function diagnose(error: KustomerError): ConnectionError {
  const mismatch = regionMismatch(error.message);
  const fix = mismatch
    ? regionFix(mismatch)
    : error.code === 'auth'
      ? 'check KUSTOMER_API_KEY (copied whole? expired or revoked?) and the region'
      : null;
  return {
    code: mismatch ? 'wrong_region' : error.code,
    message: error.message,
    fix,
    outage: isOutage(error),
  };
}

/** Connects with the client's key; `ok` when Kustomer accepted it (the report says the rest). */
export async function checkConnection(
  client: Pick<KustomerClient, 'auth' | 'slas'>,
  options: ConnectionCheckOptions = {},
): Promise<ConnectionCheck> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  try {
    const token = await client.auth.currentToken({ lane: 'background' });
    const latencyMs = Math.round(clock() - started);
    const permissions = permissionReport(token, { queues: options.queues === true });
    const sla = await checkSlaSafety(client);
    const checkedAt = new Date(clock()).toISOString();
    return { ok: true, checkedAt, latencyMs, error: null, token, permissions, sla };
  } catch (error) {
    if (!isKustomerError(error)) throw error;
    const checkedAt = new Date(clock()).toISOString();
    const failure = diagnose(error);
    return {
      ok: false,
      checkedAt,
      latencyMs: null,
      error: failure,
      token: null,
      permissions: null,
      sla: null,
    };
  }
}

/** The result to keep and show: the check without the token. */
export function connectionResult(check: ConnectionCheck): ConnectionResult {
  const { token: _token, ...result } = check;
  return result;
}

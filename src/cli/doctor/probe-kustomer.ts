/**
 * The doctor's Kustomer probe: the connection check every caller runs (kustomer/connection-check.ts:
 * who the key is, its permission report, the SLA policies, a key of another region diagnosed),
 * then the team list; with retries off, so an unreachable host fails in one timeout instead of
 * several backoffs.
 */
import { checkConnection } from '../../kustomer/connection-check.js';
import { isKustomerError } from '../../kustomer/errors.js';
import type { KustomerClient } from '../../kustomer/types.js';
import { openKustomer, using, type CommandContext } from '../context.js';
import type { ConnectionFacts, Outcome } from './types.js';

async function teamList(client: KustomerClient): Promise<Outcome<{ id: string; name: string }[]>> {
  try {
    return { ok: true, value: await client.teams.list({ fresh: true, lane: 'background' }) };
  } catch (error) {
    if (isKustomerError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

export async function probeKustomer(ctx: CommandContext): Promise<ConnectionFacts> {
  return using(
    // The doctor reports sandbox mode as a row of its own.
    () => openKustomer(ctx, { maxRetries: 0, announceSandbox: false }),
    async ({ client, config, baseUrl }) => {
      // The same check as the Integrations page and test-connection, then the team list.
      const { ok, latencyMs, error, token, permissions, sla } = await checkConnection(client);
      const facts: ConnectionFacts = {
        mode: config.mode,
        baseUrl,
        latencyMs,
        token,
        permissions,
        error,
        teams: ok ? await teamList(client) : null,
        sla,
        rateLimit: { limit: null, remaining: null },
      };
      const { limit, remaining } = client.metrics().rateLimit;
      return { ...facts, rateLimit: { limit, remaining } };
    },
  );
}

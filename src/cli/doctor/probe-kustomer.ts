/**
 * The doctor's Kustomer probe: who the key is (GET /v1/auth/tokens/current works for any valid key
 * whatever its roles), its permission report, and the team list; with retries off, so an
 * unreachable host fails in one timeout instead of several backoffs.
 */
import { isKustomerError } from '../../kustomer/errors.js';
import { isOutage } from '../../kustomer/failure-class.js';
import { permissionReport } from '../../kustomer/permissions.js';
import { checkSlaSafety } from '../../kustomer/sla-safety.js';
import type { KustomerClient } from '../../kustomer/types.js';
import { openKustomer, using, type CommandContext } from '../context.js';
import type { ConnectionFacts, Outcome } from './types.js';

function failure(error: unknown): { code: string; message: string; outage: boolean } {
  if (isKustomerError(error))
    return { code: error.code, message: error.message, outage: isOutage(error) };
  throw error;
}

async function teamList(client: KustomerClient): Promise<Outcome<{ id: string; name: string }[]>> {
  try {
    return { ok: true, value: await client.teams.list({ fresh: true, lane: 'background' }) };
  } catch (error) {
    return { ok: false, message: failure(error).message };
  }
}

export async function probeKustomer(ctx: CommandContext): Promise<ConnectionFacts> {
  return using(
    // The doctor reports sandbox mode as a row of its own.
    () => openKustomer(ctx, { maxRetries: 0, announceSandbox: false }),
    async ({ client, config, baseUrl }) => {
      const started = performance.now();
      const facts: ConnectionFacts = {
        mode: config.mode,
        baseUrl,
        latencyMs: null,
        token: null,
        permissions: null,
        error: null,
        teams: null,
        rateLimit: { limit: null, remaining: null },
      };
      try {
        facts.token = await client.auth.currentToken({ lane: 'background' });
        facts.latencyMs = Math.round(performance.now() - started);
        facts.permissions = permissionReport(facts.token);
        facts.teams = await teamList(client);
        facts.sla = await checkSlaSafety(client);
      } catch (error) {
        facts.error = failure(error);
      }
      const { limit, remaining } = client.metrics().rateLimit;
      facts.rateLimit = { limit, remaining };
      return facts;
    },
  );
}

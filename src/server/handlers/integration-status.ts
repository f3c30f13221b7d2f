/**
 * GET /api/integrations/kustomer: what the Integrations page shows, from live deliveries. The
 * badge follows the escalations and calls: a failed connection test says "disconnected" only
 * until Kustomer answers a call again (a passed outage clears it without anyone testing by hand).
 */
import {
  connectionResultSchema,
  type ConnectionResult,
  type IntegrationStatus,
} from '../../shared/integration.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import type { Services } from '../services.js';

const IN_FLIGHT = ['received', 'customer_resolved', 'conversation_created', 'transcript_synced'];

/** Escalations by outcome, from the store's counts (cheap in every store). */
async function deliveries(services: Services): Promise<IntegrationStatus['deliveries']> {
  const counts = await services.store.records.countByState();
  const n = (state: string) => counts[state as keyof typeof counts] ?? 0;
  return {
    delivered: n('done'),
    waiting: n('queued') + n('retrying') + IN_FLIGHT.reduce((sum, s) => sum + n(s), 0),
    gaveUp: n('dead'),
    refused: n('refused'),
  };
}

/** Where the last connection check is kept, for every instance sharing the store. */
export const CONNECTION_KEY = 'kustomer-connection';

/** The last connection check any instance ran (null when none, or unreadable). */
async function lastConnection(services: Services): Promise<ConnectionResult | null> {
  const stored = connectionResultSchema.safeParse(
    await services.store.serverValues.get(CONNECTION_KEY),
  );
  return stored.success ? stored.data : null;
}

/** A failed test stands until a later call to Kustomer succeeds. */
export function stillDisconnected(
  connection: ConnectionResult | null,
  lastSuccessAt: string | null,
): boolean {
  if (!connection || connection.ok) return false;
  return lastSuccessAt === null || Date.parse(lastSuccessAt) <= Date.parse(connection.checkedAt);
}

export function badgeStatus(input: {
  settings: IntegrationSettings;
  degraded: boolean;
  disconnected: boolean;
  sandbox: boolean;
}): IntegrationStatus['status'] {
  if (!input.settings.enabled) return 'disabled';
  if (input.degraded) return 'degraded';
  if (input.disconnected) return 'disconnected';
  return input.sandbox ? 'sandbox' : 'connected';
}

export async function integrationStatus(services: Services): Promise<IntegrationStatus> {
  const { env, escalations, client } = services;
  const [settings, summary, items, counts, connection] = await Promise.all([
    services.settings.get(),
    escalations.outboxSummary(),
    escalations.outbox({ limit: 50 }),
    deliveries(services),
    lastConnection(services),
  ]);
  const breaker = escalations.breakerState();
  const metrics = client.metrics();
  const sandbox = env.kustomer.mode === 'sandbox';
  const status = badgeStatus({
    settings,
    sandbox,
    degraded: breaker !== 'closed' || summary.queued + summary.retrying > 0,
    disconnected: stillDisconnected(connection, metrics.lastSuccessAt),
  });
  return {
    mode: !settings.enabled ? 'disabled' : sandbox ? 'sandbox' : 'live',
    status,
    org: {
      subdomain: env.kustomer.subdomain,
      region: env.kustomer.region,
      baseUrl: services.sandbox?.url ?? env.kustomer.baseUrl ?? '',
    },
    key: {
      configured: !sandbox,
      last4: env.kustomer.apiKey ? env.kustomer.apiKey.slice(-4) : null,
    },
    connection,
    breaker,
    outbox: { ...summary, items },
    metrics,
    deliveries: counts,
    settings,
    store: services.store.kind,
    retentionDays: env.retentionDays,
  };
}

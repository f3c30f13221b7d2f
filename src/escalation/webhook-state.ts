/**
 * The outbound webhook as Kustomer has it and as the app sees it: which webhook points at
 * APP_URL/api/webhooks/kustomer, whether it is enabled with both events, what verifies its
 * deliveries, whether the key may provision it, and the last delivery received. Kustomer's
 * failures are part of the answer (error), never an exception: the page shows them.
 */
import { isKustomerError } from '../kustomer/errors.js';
import { provisioningAccess } from '../kustomer/permissions.js';
import type { OutboundWebhook } from '../kustomer/resources/outbound-webhooks.js';
import type { KustomerClient } from '../kustomer/types.js';
import { REQUIRED_WEBHOOK_EVENTS, type WebhookState } from '../shared/webhook-state.js';
import type { ServerValuesPort } from './store.js';
import { readLastDelivery, readProvisioned } from './webhook-secrets.js';
import { sameEndpoint, type WebhookTarget } from './webhook-target.js';

export interface WebhookStateDeps {
  client: Pick<KustomerClient, 'outboundWebhooks' | 'auth'>;
  store: { serverValues: Pick<ServerValuesPort, 'get'> };
  target: WebhookTarget;
  envSecret: string | null;
}

const missingEvents = (hook: OutboundWebhook) =>
  REQUIRED_WEBHOOK_EVENTS.filter((event) => !hook.events.includes(event));

/** A webhook without `enabled` in Kustomer's answer is taken as delivering. */
const isHealthy = (hook: OutboundWebhook) =>
  hook.enabled !== false && missingEvents(hook).length === 0;

/** The webhook at `url`: a healthy one if there are several, else the first. */
export function pickOurs(hooks: OutboundWebhook[], url: string): OutboundWebhook | null {
  const at = hooks.filter((hook) => sameEndpoint(hook.url, url));
  return at.find(isHealthy) ?? at[0] ?? null;
}

export function describeWebhook(hook: OutboundWebhook): NonNullable<WebhookState['webhook']> {
  return {
    id: hook.id,
    name: hook.name,
    url: hook.url,
    events: hook.events,
    enabled: hook.enabled !== false,
    missingEvents: missingEvents(hook),
  };
}

async function secretSource(deps: WebhookStateDeps): Promise<WebhookState['secret']> {
  const provisioned = await readProvisioned(deps.store);
  const token = Boolean(
    provisioned?.token && deps.target.url && sameEndpoint(provisioned.url, deps.target.url),
  );
  if (token) return deps.envSecret ? 'both' : 'provisioned';
  return deps.envSecret ? 'env' : 'none';
}

async function mayProvision(deps: WebhookStateDeps): Promise<boolean | null> {
  try {
    const access = provisioningAccess((await deps.client.auth.currentToken()).roles);
    return Boolean(access.read && access.create && access.delete);
  } catch (error) {
    if (isKustomerError(error)) return null;
    throw error;
  }
}

export async function webhookState(deps: WebhookStateDeps): Promise<WebhookState> {
  const base = {
    targetUrl: deps.target.url,
    targetProblem: deps.target.problem,
    secret: await secretSource(deps),
    lastDelivery: await readLastDelivery(deps.store),
  };
  const unknown = { ...base, webhook: null, healthy: false };
  if (!deps.target.url) return { ...unknown, error: null, canProvision: await mayProvision(deps) };
  const canProvision = mayProvision(deps);
  try {
    const ours = pickOurs(await deps.client.outboundWebhooks.list(), deps.target.url);
    return {
      ...base,
      error: null,
      webhook: ours && describeWebhook(ours),
      healthy: ours !== null && isHealthy(ours),
      canProvision: await canProvision,
    };
  } catch (error) {
    if (!isKustomerError(error)) throw error;
    return {
      ...unknown,
      error: { code: error.code, message: error.message },
      canProvision: await canProvision,
    };
  }
}

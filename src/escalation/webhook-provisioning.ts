/**
 * "Create or verify" the outbound webhook that brings agent replies and closes back to the app:
 * find the webhook pointing at APP_URL/api/webhooks/kustomer; when it is enabled and has both
 * events, keep it and read its token; when it is disabled or lacks an event, replace it (Kustomer
 * documents no update we could read), keeping its name, headers and other events; when there is
 * none, create it. The token is kept server-side only (webhook-secrets.ts). Running it again
 * changes nothing once the webhook is right, and a lease keeps two instances from creating two.
 * https://developer.kustomer.com/docs/events/outbound-webhooks
 */
import { isKustomerError } from '../kustomer/errors.js';
import type { OutboundWebhook } from '../kustomer/resources/outbound-webhooks.js';
import type { KustomerClient } from '../kustomer/types.js';
import { REQUIRED_WEBHOOK_EVENTS, type ProvisionResult } from '../shared/webhook-state.js';
import type { StorePorts } from './store.js';
import { saveProvisioned } from './webhook-secrets.js';
import { describeWebhook, pickOurs, webhookState } from './webhook-state.js';
import type { WebhookTarget } from './webhook-target.js';

export const WEBHOOK_NAME = 'Chat escalations: agent replies and closes';
/** Kustomer's limits: https://developer.kustomer.com/api/apps-platform/list-outbound-webhooks */
const MAX_EVENTS = 12;
const MAX_WEBHOOKS = 5;
const LEASE = 'kustomer-webhook-provisioning';

export interface ProvisioningDeps {
  client: Pick<KustomerClient, 'outboundWebhooks' | 'auth'>;
  store: StorePorts<'serverValues' | 'leases'>;
  target: WebhookTarget;
  envSecret: string | null;
  clock: () => number;
}

/** An expected refusal, answered to the caller with its status; nothing was changed. */
export interface ProvisionRefusal {
  refused: { status: number; code: string; message: string; fields?: Record<string, string> };
}

async function keep(deps: ProvisioningDeps, hook: OutboundWebhook, url: string) {
  // The list need not carry the token: Kustomer's pages give it on the webhook itself.
  const token = hook.token ?? (await deps.client.outboundWebhooks.get(hook.id))?.token ?? null;
  await saveProvisioned(deps.store, {
    id: hook.id,
    url,
    token,
    provisionedAt: new Date(deps.clock()).toISOString(),
  });
}

/** Our events first, then the others it had, within Kustomer's 12. */
function eventsFor(old: OutboundWebhook | null): string[] {
  const others = (old?.events ?? []).filter(
    (e) => !(REQUIRED_WEBHOOK_EVENTS as readonly string[]).includes(e),
  );
  return [...REQUIRED_WEBHOOK_EVENTS, ...others].slice(0, MAX_EVENTS);
}

async function createFor(deps: ProvisioningDeps, url: string, old: OutboundWebhook | null) {
  if (old) await deps.client.outboundWebhooks.remove(old.id);
  const created = await deps.client.outboundWebhooks.create({
    name: old?.name || WEBHOOK_NAME,
    url,
    events: eventsFor(old),
    ...(old?.headers.length ? { headers: old.headers } : {}),
  });
  await keep(deps, created, url);
}

async function provisionHeld(deps: ProvisioningDeps, url: string) {
  const hooks = await deps.client.outboundWebhooks.list();
  const ours = pickOurs(hooks, url);
  if (ours && describeWebhook(ours).enabled && describeWebhook(ours).missingEvents.length === 0) {
    await keep(deps, ours, url);
    return 'verified' as const;
  }
  try {
    await createFor(deps, url, ours);
  } catch (error) {
    // Kustomer's refusal of a sixth webhook, in words that say what to do about it.
    if (!ours && hooks.length >= MAX_WEBHOOKS && isKustomerError(error) && error.status === 400)
      return LIMIT_REACHED;
    throw error;
  }
  return ours ? ('replaced' as const) : ('created' as const);
}

const LIMIT_REACHED: ProvisionRefusal = {
  refused: {
    status: 409,
    code: 'webhook_limit',
    message: `Kustomer allows ${MAX_WEBHOOKS} outbound webhooks per org and this one has them all: delete one in Settings › Platform › Outbound webhooks, then try again`,
  },
};

export async function provisionWebhook(
  deps: ProvisioningDeps,
): Promise<ProvisionResult | ProvisionRefusal> {
  const { target } = deps;
  if (target.url === null)
    return {
      refused: {
        status: 400,
        code: 'invalid_app_url',
        message: target.problem,
        fields: { APP_URL: target.problem },
      },
    };
  const owner = `provision-${deps.clock()}-${Math.random().toString(36).slice(2)}`;
  if (!(await deps.store.leases.acquire(LEASE, owner, 60_000)))
    return {
      refused: {
        status: 409,
        code: 'provisioning_in_progress',
        message: 'the webhook is being provisioned by another request; try again in a minute',
      },
    };
  try {
    const outcome = await provisionHeld(deps, target.url);
    if (typeof outcome !== 'string') return outcome;
    return { outcome, state: await webhookState(deps) };
  } finally {
    await deps.store.leases.release(LEASE, owner);
  }
}

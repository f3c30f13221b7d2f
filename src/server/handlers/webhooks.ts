/**
 * Kustomer's outbound webhooks: the signature (hex HMAC-SHA256 of the raw body with the webhook
 * token) is checked on the raw bytes before anything is parsed, against KUSTOMER_WEBHOOK_SECRET
 * or the token of the webhook provisioned from the Integrations page. Deliveries are at least
 * once and out of order; the escalation service dedupes by event id and ignores stale updates.
 * Each delivery is noted in the store (time, event, verified) so every instance shows the last.
 * https://developer.kustomer.com/docs/events/outbound-webhooks
 *
 * Also the admin endpoints of the webhook itself: its state, and "create or verify".
 */
import { createHash } from 'node:crypto';
import { parseWebhookEvent } from '../../escalation/webhook-events.js';
import { recordDelivery, signatureMatches } from '../../escalation/webhook-secrets.js';
import type { WebhookDelivery } from '../../shared/webhook-state.js';
import { ApiError, json, readText } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';
import { safeEqual } from '../security.js';
import type { Services } from '../services.js';
import { currentWebhookState, provision } from '../webhook-provisioning-deps.js';

const LIMIT = 1024 * 1024;
/** Unverified deliveries are noted at most this often per instance: anyone can send one. */
const UNVERIFIED_NOTE_MS = 10_000;
const unverifiedNotedAt = new WeakMap<Services, number>();

async function note(services: Services, delivery: WebhookDelivery): Promise<void> {
  if (!delivery.verified) {
    const last = unverifiedNotedAt.get(services) ?? -Infinity;
    if (services.clock() - last < UNVERIFIED_NOTE_MS) return;
    unverifiedNotedAt.set(services, services.clock());
  }
  try {
    await recordDelivery(services.store, delivery);
  } catch (error) {
    // A diagnostic: losing it must not make Kustomer deliver the event again.
    services.logger.warn('the webhook delivery could not be noted', { error: String(error) });
  }
}

async function receive(ctx: RequestContext): Promise<Response> {
  const { services } = ctx;
  const signature = ctx.request.headers.get('x-kustomer-webhook-signature') ?? '';
  const eventHeader = ctx.request.headers.get('x-kustomer-webhook-event');
  const raw = await readText(ctx.request, LIMIT);
  const at = new Date(services.clock()).toISOString();
  if (
    !(await signatureMatches(raw, signature, services.webhookSecret, services.store, safeEqual))
  ) {
    if (signature) await note(services, { at, event: eventHeader, verified: false });
    throw new ApiError(401, 'invalid_signature', 'the webhook signature does not match');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  const named = (body as { name?: unknown } | null)?.name;
  await note(services, {
    at,
    event: eventHeader ?? (typeof named === 'string' ? named : null),
    verified: true,
  });
  // Signed by Kustomer: whatever its shape, the answer is 2xx (a 4xx would only be retried).
  const parsed = parseWebhookEvent(body, {
    ownApp: services.env.kustomer.app,
    fallbackId: `body-${createHash('sha256').update(raw).digest('hex')}`,
    now: () => new Date().toISOString(),
  });
  if (parsed.kind === 'agent-reply')
    return json(200, { outcome: await services.escalations.recordAgentReply(parsed.event) });
  if (parsed.kind === 'conversation-update')
    return json(200, {
      outcome: await services.escalations.recordConversationUpdate(parsed.event),
    });
  return json(200, { outcome: 'ignored' });
}

async function provisionHandler(ctx: RequestContext): Promise<Response> {
  const result = await provision(ctx.services);
  if ('refused' in result) {
    const { status, code, message, fields } = result.refused;
    throw new ApiError(status, code, message, fields);
  }
  return json(200, result);
}

export const webhookRoutes: RouteDef[] = [
  { method: 'POST', path: '/api/webhooks/kustomer', handler: receive },
  {
    method: 'GET',
    path: '/api/integrations/kustomer/webhook',
    admin: true,
    handler: async (ctx) => json(200, await currentWebhookState(ctx.services)),
  },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/webhook',
    admin: true,
    handler: provisionHandler,
  },
];

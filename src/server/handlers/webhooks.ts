/**
 * Kustomer's outbound webhooks: the signature (hex HMAC-SHA256 of the raw body with the webhook
 * token) is checked on the raw bytes before anything is parsed. Deliveries are at least once and
 * out of order; the escalation service dedupes by event id and ignores stale updates.
 * https://developer.kustomer.com/docs/events/outbound-webhooks
 */
import { createHash, createHmac } from 'node:crypto';
import { parseWebhookEvent } from '../../escalation/webhook-events.js';
import { ApiError, json, readText } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';
import { safeEqual } from '../security.js';

const LIMIT = 1024 * 1024;

async function receive(ctx: RequestContext): Promise<Response> {
  const { services } = ctx;
  const secret = services.webhookSecret;
  const signature = ctx.request.headers.get('x-kustomer-webhook-signature') ?? '';
  const raw = await readText(ctx.request, LIMIT);
  const expected = secret ? createHmac('sha256', secret).update(raw).digest('hex') : null;
  if (!expected || !safeEqual(signature.toLowerCase(), expected)) {
    throw new ApiError(401, 'invalid_signature', 'the webhook signature does not match');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
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

export const webhookRoutes: RouteDef[] = [
  { method: 'POST', path: '/api/webhooks/kustomer', handler: receive },
];

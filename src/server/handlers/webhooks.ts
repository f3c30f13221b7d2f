/**
 * Kustomer's outbound webhooks: the signature (hex HMAC-SHA256 of the raw body with the webhook
 * token) is checked on the raw bytes before anything is parsed. Deliveries are at least once and
 * out of order; the escalation service dedupes by event id and ignores stale updates.
 * https://developer.kustomer.com/docs/events/outbound-webhooks
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ApiError, json, readText } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';
import { safeEqual } from '../security.js';

const LIMIT = 1024 * 1024;

const eventSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  data: z.object({
    id: z.string().min(1).max(64),
    attributes: z.record(z.string(), z.unknown()).default({}),
    relationships: z
      .record(
        z.string(),
        z.object({ data: z.object({ id: z.string() }).nullable().optional() }).optional(),
      )
      .optional(),
  }),
});

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

async function receive(ctx: RequestContext): Promise<Response> {
  const { services } = ctx;
  const secret = services.webhookSecret;
  const signature = ctx.request.headers.get('x-kustomer-webhook-signature') ?? '';
  const raw = await readText(ctx.request, LIMIT);
  const expected = secret ? createHmac('sha256', secret).update(raw).digest('hex') : null;
  if (!expected || !safeEqual(signature.toLowerCase(), expected)) {
    throw new ApiError(401, 'invalid_signature', 'the webhook signature does not match');
  }
  let parsed;
  try {
    parsed = eventSchema.safeParse(JSON.parse(raw));
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  if (!parsed.success) throw new ApiError(400, 'invalid_event', 'not a Kustomer webhook event');
  const event = parsed.data;
  const a = event.data.attributes;
  if (event.name === 'kustomer.message.create') {
    // Only agents' messages: our own transcript lines (our app, imported) come back here too.
    if (a.direction !== 'out' || a.app === services.env.kustomer.app || a.importedAt)
      return json(200, { outcome: 'ignored' });
    const conversationId = event.data.relationships?.conversation?.data?.id;
    if (!conversationId) return json(200, { outcome: 'ignored' });
    const meta = (a.meta ?? {}) as Record<string, unknown>;
    const outcome = await services.escalations.recordAgentReply({
      eventId: event.id,
      conversationId,
      messageId: event.data.id,
      text: str(a.preview) ?? '',
      at: str(a.sentAt) ?? str(a.createdAt) ?? new Date().toISOString(),
      author: str(meta.author),
    });
    return json(200, { outcome });
  }
  if (event.name === 'kustomer.conversation.update') {
    const status =
      a.status === 'open' || a.status === 'snoozed' || a.status === 'done' ? a.status : null;
    if (!status) return json(200, { outcome: 'ignored' });
    const outcome = await services.escalations.recordConversationUpdate({
      eventId: event.id,
      conversationId: event.data.id,
      status,
      at: str(a.updatedAt) ?? new Date().toISOString(),
    });
    return json(200, { outcome });
  }
  return json(200, { outcome: 'ignored' });
}

export const webhookRoutes: RouteDef[] = [
  { method: 'POST', path: '/api/webhooks/kustomer', handler: receive },
];

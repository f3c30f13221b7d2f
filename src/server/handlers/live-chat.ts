/**
 * The live conversation after the hand-off, for the chat session that escalated:
 * - POST /api/escalations/:id/messages?sessionId= `{ id, text, at }`: 201 delivered to the
 *   Kustomer conversation, or 202 stored and delivered in order from the outbox. Validated and
 *   rate-limited like the escalation endpoint; another session gets 404 and nothing is written.
 * - GET /api/escalations/:id/events?sessionId=: Server-Sent Events (see live-stream.ts).
 */
import { AttachmentsWaitingError, ChatClosedError } from '../../escalation/live/live-chat.js';
import { chatMessageInputSchema } from '../../shared/live-chat.js';
import { ApiError, json, parseWith, readJson } from '../http.js';
import { limitPerMinute } from './escalations.js';
import type { RequestContext, RouteDef } from '../router.js';
import { openEventStream } from './live-stream.js';

/** A message with a 3 MB file in base64 (4 MB) and its text fits; Vercel's own limit is 4.5 MB. */
const BODY_LIMIT = 4_400_000;
/**
 * Half of Kustomer's 120 live messages a minute per customer: a person typing never gets near it,
 * a script is stopped before it spends the customer's whole budget.
 */
export const MESSAGES_PER_SESSION_PER_MIN = 60;

export function requireSessionId(ctx: RequestContext): string {
  const sessionId = ctx.url.searchParams.get('sessionId');
  if (!sessionId)
    throw new ApiError(
      400,
      'validation_failed',
      'sessionId is required: the chat session that sent the escalation',
      { sessionId: 'Required' },
    );
  return sessionId;
}

const limit = (ctx: RequestContext, key: string, max: number, from: string) =>
  limitPerMinute(ctx, key, max, { things: 'messages', from });

const notFound = () =>
  new ApiError(404, 'not_found', 'no escalation with that id for this session');

async function send(ctx: RequestContext): Promise<Response> {
  const { services } = ctx;
  const sessionId = requireSessionId(ctx);
  await limit(ctx, `msg-ip:${ctx.clientIp}`, services.env.perIpLimit * 4, 'address');
  const input = parseWith(chatMessageInputSchema, await readJson(ctx.request, BODY_LIMIT));
  await limit(ctx, `msg-session:${sessionId}`, MESSAGES_PER_SESSION_PER_MIN, 'chat session');
  try {
    const result = await services.escalations.chat.send(ctx.params.id!, sessionId, input);
    if (!result) throw notFound();
    return json(result.status === 'delivered' ? 201 : 202, result);
  } catch (error) {
    if (error instanceof ChatClosedError) throw new ApiError(409, 'no_conversation', error.message);
    if (error instanceof AttachmentsWaitingError)
      throw new ApiError(413, error.code, error.message, { attachment: error.message });
    throw error;
  }
}

async function events(ctx: RequestContext): Promise<Response> {
  const sessionId = requireSessionId(ctx);
  const record = await ctx.services.escalations.chat.read(ctx.params.id!, sessionId);
  if (!record) throw notFound();
  const lastEventId =
    ctx.request.headers.get('last-event-id') ?? ctx.url.searchParams.get('lastEventId');
  return openEventStream(ctx.services, record.escalationId, sessionId, lastEventId);
}

export const liveChatRoutes: RouteDef[] = [
  { method: 'POST', path: '/api/escalations/:id/messages', handler: send },
  { method: 'GET', path: '/api/escalations/:id/events', handler: events },
];

/**
 * The chat's endpoints. POST /api/escalations faces the public: body size limit, per-IP and
 * per-session rate limits (shared by every instance through the store), validation naming the
 * field. It is idempotent on escalationId: a repeat answers the first result, and a repeat from
 * another chat session is refused (409).
 */
import { escalationRequestSchema, type EscalationResult } from '../../shared/escalation.js';
import { ApiError, json, parseWith, readJson } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';

const BODY_LIMIT = 256 * 1024;
const MINUTE = 60_000;

export function resultStatus(result: EscalationResult): number {
  return result.status === 'escalated' ? 201 : result.status === 'queued' ? 202 : 503;
}

/**
 * A per-minute limit counted in the store (so shared by every instance): 429 with Retry-After past
 * `max`, saying what is limited (`escalations`, `messages`) and for whom (`address`, `chat session`).
 */
export async function limitPerMinute(
  ctx: RequestContext,
  key: string,
  max: number,
  what: { things: string; from: string },
): Promise<void> {
  const count = await ctx.services.store.counters.hit(key, MINUTE);
  if (count > max) {
    throw new ApiError(
      429,
      'rate_limited',
      `too many ${what.things} from this ${what.from}; try again in a minute`,
      undefined,
      { 'retry-after': '60' },
    );
  }
}

const limit = (ctx: RequestContext, key: string, max: number, from: string) =>
  limitPerMinute(ctx, key, max, { things: 'escalations', from });

async function create(ctx: RequestContext): Promise<Response> {
  const { services } = ctx;
  await limit(ctx, `ip:${ctx.clientIp}`, services.env.perIpLimit, 'address');
  const request = parseWith(escalationRequestSchema, await readJson(ctx.request, BODY_LIMIT));
  await limit(ctx, `session:${request.sessionId}`, services.env.perSessionLimit, 'chat session');
  const result = await services.escalations.escalate(request);
  return json(resultStatus(result), result);
}

/**
 * The chat polls with the session id it escalated from, so knowing an escalationId alone does not
 * reveal another chat's agent replies; an admin may read any escalation.
 */
async function status(ctx: RequestContext): Promise<Response> {
  const sessionId = ctx.url.searchParams.get('sessionId');
  if (sessionId === null && !(await ctx.isAdmin()))
    throw new ApiError(
      400,
      'validation_failed',
      'sessionId is required: the chat session that sent the escalation',
      { sessionId: 'Required' },
    );
  const found = await ctx.services.escalations.status(
    ctx.params.id!,
    sessionId === null ? {} : { sessionId },
  );
  if (!found) throw new ApiError(404, 'not_found', 'no escalation with that id for this session');
  return json(200, found);
}

export const escalationRoutes: RouteDef[] = [
  { method: 'POST', path: '/api/escalations', handler: create },
  { method: 'GET', path: '/api/escalations/:id', handler: status },
];

/**
 * One Kustomer /v1 request, in the order Kustomer's gateway applies its checks: count it, key
 * (401), org budget (429), route (404), injected faults (503 or the injected status), roles (403),
 * body (413, 400), then the route's handler and the faults that strike after a write committed.
 * Every answer after the budget check carries the rate-limit headers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxRequest } from './door.js';
import { errorBody } from './envelope.js';
import { readJsonBody } from './read-body.js';
import { countRoute } from './request-counters.js';
import type { Route } from './route-types.js';
import type { SandboxRuntime } from './sandbox-runtime.js';
import { sendJson } from './send-json.js';
import type { SandboxKey } from './types.js';
import { keyMayCall } from './role-grants.js';
import { matchV1 } from './v1-routes.js';

interface Refusal {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

type Admission =
  { refusal: Refusal } | { key: SandboxKey; route: Route; headers: Record<string, string> };

/** What admit needs of the request: the route it matched, if any, and the method and path. */
interface Target {
  method: string;
  path: string;
  route: Route | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function refuse(
  status: number,
  code: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  return { refusal: { status, body: errorBody(status, code, detail), headers } };
}

/** The checks before the body is read; each refusal means nothing is written. */
function admit(
  rt: SandboxRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  { method, path, route }: Target,
): Admission {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const key = token ? rt.keys.get(token.trim()) : undefined;
  if (!key) return refuse(401, 'unauthorized', 'a valid API key is required');
  if (!rt.core.limits.take()) {
    rt.requests.rateLimited += 1;
    return refuse(429, 'too_many_requests', 'rate limit exceeded', rt.tooManyHeaders());
  }
  const headers = rt.core.limits.headers();
  // Every answer to a counted request carries the budget, errors thrown by handlers included.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (!route) return refuse(404, 'not_found', `no route ${method} ${path}`, headers);
  const before = rt.faults.before(method, path);
  if (before.kind === 'outage')
    return refuse(503, 'service_unavailable', 'Kustomer is unavailable', headers);
  if (before.kind === 'status') {
    if (before.status === 429) rt.requests.rateLimited += 1;
    return refuse(
      before.status,
      'injected_fault',
      `injected ${before.status}`,
      before.status === 429 ? rt.tooManyHeaders() : headers,
    );
  }
  if (route.roles && !keyMayCall(key.roles, route.roles))
    return refuse(403, 'forbidden', `the API key needs one of: ${route.roles.join(', ')}`, headers);
  return { key, route, headers };
}

export async function handleV1(rt: SandboxRuntime, request: SandboxRequest): Promise<void> {
  const { req, res, url, method, path } = request;
  rt.requests.total += 1;
  // An id per request, as API gateways send, so errors can be matched with server logs.
  res.setHeader('x-request-id', randomUUID());
  if (rt.faults.latencyMs() > 0) await sleep(rt.faults.latencyMs());
  const match = matchV1(method, path);
  countRoute(rt.requests, match.name);
  const admission = admit(rt, req, res, { method, path, route: match.route });
  if ('refusal' in admission) {
    const { status, body, headers } = admission.refusal;
    return sendJson(res, status, body, headers);
  }
  const { key, route, headers } = admission;
  const parsed = await readJsonBody(req);
  if (!parsed.ok)
    return sendJson(res, 400, errorBody(400, 'bad_request', 'the body is not valid JSON'), headers);
  const { params } = match;
  if (!params)
    return sendJson(res, 400, errorBody(400, 'bad_request', 'malformed percent-encoding'), headers);
  const ctx = { params, query: url.searchParams, body: parsed.body, path, key, core: rt.core };
  const reply = route.handle(ctx);
  const after = rt.faults.after(method, path);
  if (after.kind === 'reset-after-commit') {
    req.socket.destroy();
    return;
  }
  if (after.kind === 'slow') await sleep(after.ms);
  sendJson(res, reply.status, reply.body, headers);
}

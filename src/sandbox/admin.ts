/**
 * The sandbox's own admin API (never part of Kustomer's): inspect, reset, inject faults, and act
 * as an agent so replies and closes flow back through webhooks.
 */
import type { IncomingMessage } from 'node:http';
import type { SandboxRequest } from './door.js';
import { SandboxHttpError } from './http-error.js';
import { sendJson } from './send-json.js';
import { readJsonBody } from './read-body.js';
import type { SandboxAvailability } from './availability-data.js';
import type { SandboxFaults, SandboxHandle } from './types.js';

/** The request's JSON body (null when empty), read as the /v1 routes read theirs. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const parsed = await readJsonBody(req);
  if (!parsed.ok) throw new SandboxHttpError(400, 'bad_request', 'the body is not valid JSON');
  return parsed.body ?? null;
}

/** The inspector's switches, each checked: booleans, and a wait in whole seconds. */
function availabilityPatch(body: unknown): Partial<SandboxAvailability> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new SandboxHttpError(400, 'bad_request', 'availability must be an object');
  const patch = body as Record<string, unknown>;
  for (const key of ['businessClosed', 'agentsOnline'] as const)
    if (key in patch && typeof patch[key] !== 'boolean')
      throw new SandboxHttpError(400, 'bad_request', `${key} must be true or false`, `/${key}`);
  const wait = patch.waitSeconds;
  if ('waitSeconds' in patch && !(Number.isInteger(wait) && (wait as number) >= 0))
    throw new SandboxHttpError(
      400,
      'bad_request',
      'waitSeconds must be a whole number',
      '/waitSeconds',
    );
  const known = ['businessClosed', 'agentsOnline', 'waitSeconds'] as const;
  return Object.fromEntries(known.filter((k) => k in patch).map((k) => [k, patch[k]]));
}

export async function handleAdmin(request: SandboxRequest, sandbox: SandboxHandle): Promise<void> {
  const { req, res, method } = request;
  const path = request.path.replace(/^\/__sandbox/, '');
  const reply = (status: number, body: unknown) => sendJson(res, status, body);
  if (method === 'GET' && path === '/state') return reply(200, sandbox.state());
  if (method === 'POST' && path === '/reset') return (sandbox.reset(), reply(200, { ok: true }));
  if (method === 'PUT' && path === '/faults') {
    const faults = (await readJson(req)) as SandboxFaults | null;
    if (!faults || typeof faults !== 'object')
      throw new SandboxHttpError(400, 'bad_request', 'faults must be an object');
    sandbox.setFaults(faults);
    return reply(200, sandbox.state().faults);
  }
  if (method === 'DELETE' && path === '/faults') return (sandbox.clearFaults(), reply(200, {}));
  if (method === 'PUT' && path === '/availability') {
    return reply(200, sandbox.setAvailability(availabilityPatch(await readJson(req))));
  }
  if (method === 'PUT' && path === '/webhook') {
    const target = (await readJson(req)) as { url?: unknown; secret?: unknown } | null;
    if (target && (typeof target.url !== 'string' || typeof target.secret !== 'string')) {
      throw new SandboxHttpError(400, 'bad_request', 'webhook needs url and secret, or null');
    }
    sandbox.setWebhook(target as { url: string; secret: string } | null);
    return reply(200, { ok: true });
  }
  if (path.startsWith('/routing/')) return handleRoutingAdmin(method, path, req, reply, sandbox);
  const action = /^\/conversations\/([0-9a-f]{24})\/(agent-reply|close)$/.exec(path);
  if (method === 'POST' && action) {
    if (action[2] === 'close')
      return (await sandbox.closeConversation(action[1]!), reply(200, { ok: true }));
    const body = (await readJson(req)) as { text?: unknown } | null;
    if (typeof body?.text !== 'string' || !body.text)
      throw new SandboxHttpError(400, 'bad_request', 'text is required', '/text');
    return reply(201, await sandbox.agentReply(action[1]!, body.text));
  }
  throw new SandboxHttpError(404, 'not_found', `no sandbox route ${method} ${path}`);
}

/** PUT /routing/queue-rule {queueId}, POST /routing/work-items/:id/complete, PUT /routing/slas/:id {fooled}. */
async function handleRoutingAdmin(
  method: string,
  path: string,
  req: IncomingMessage,
  reply: (status: number, body: unknown) => void,
  sandbox: SandboxHandle,
): Promise<void> {
  const controls = sandbox.routing;
  if (method === 'PUT' && path === '/routing/queue-rule') {
    const body = (await readJson(req)) as { queueId?: unknown } | null;
    const queueId = typeof body?.queueId === 'string' ? body.queueId : null;
    return (controls.setQueueRule(queueId), reply(200, { queueId }));
  }
  const complete = /^\/routing\/work-items\/([0-9a-f]{24})\/complete$/.exec(path);
  if (method === 'POST' && complete)
    return (controls.completeWorkItem(complete[1]!), reply(200, { ok: true }));
  const sla = /^\/routing\/slas\/([0-9a-f]{24})$/.exec(path);
  if (method === 'PUT' && sla) {
    const body = (await readJson(req)) as { fooled?: unknown } | null;
    if (typeof body?.fooled !== 'boolean')
      throw new SandboxHttpError(400, 'bad_request', 'fooled must be true or false', '/fooled');
    return (controls.setSlaFooled(sla[1]!, body.fooled), reply(200, { ok: true }));
  }
  throw new SandboxHttpError(404, 'not_found', `no sandbox route ${method} ${path}`);
}

/**
 * The local Kustomer sandbox: a real HTTP server speaking the subset of Kustomer's v1 API the
 * module uses, with Kustomer's auth, validation, envelopes, rate limits and webhooks, plus fault
 * injection and inspection under /__sandbox. See types.ts for the contract.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.js';
import { createData, DEFAULT_TEAMS, objectId } from './data.js';
import { conversationResource, errorBody, messageResource } from './envelope.js';
import { createFaults } from './faults.js';
import { SandboxHttpError } from './http-error.js';
import { createRateLimits } from './rate-limits.js';
import { loadBodyValidator, openApiPath } from './request-schemas.js';
import type { Route, SandboxCore } from './route-types.js';
import { conversationRoutes } from './routes-conversations.js';
import { customerRoutes } from './routes-customers.js';
import { messageRoutes } from './routes-messages.js';
import {
  SANDBOX_API_KEY,
  type SandboxHandle,
  type SandboxKey,
  type SandboxOptions,
  type SandboxState,
} from './types.js';
import { deliverEvent, type WebhookTarget } from './webhooks.js';

const ROUTES: Route[] = [...customerRoutes, ...conversationRoutes, ...messageRoutes];
// Kustomer answers 413 past 100 KB for most endpoints (https://developer.kustomer.com/docs/concepts/errors).
const MAX_BODY = 100 * 1024;

export const ALL_MODULE_ROLES = [
  'org.permission.customer.read',
  'org.permission.customer.create',
  'org.permission.customer.update',
  'org.permission.conversation.read',
  'org.permission.conversation.create',
  'org.permission.conversation.update',
  'org.permission.message.create',
  'org.permission.message.read',
  'org.permission.note.create',
  'org.permission.note.read',
  'org.permission.team.read',
];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY)
        reject(new SandboxHttpError(413, 'payload_too_large', 'the body is larger than 100 KB'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const now = options.now ?? Date.now;
  const log = (message: string) => options.log && console.log(`[sandbox] ${message}`);
  const keys = new Map<string, SandboxKey>(
    (options.keys ?? [{ key: SANDBOX_API_KEY, name: 'sandbox', roles: ALL_MODULE_ROLES }]).map(
      (k) => [k.key, k],
    ),
  );
  const store = createData(options.teams ?? DEFAULT_TEAMS.map((name) => ({ name })));
  const limits = createRateLimits({
    orgPerMin: options.orgRateLimitPerMin ?? 1000,
    perCustomerPerMin: options.perCustomerCreateLimitPerMin ?? 120,
    resetStyle: options.resetHeaderStyle ?? 'epoch',
    now,
  });
  const faults = createFaults(now);
  const core: SandboxCore = {
    store,
    limits,
    now,
    duplicateStatus: options.duplicateStatus ?? 400,
    validator: loadBodyValidator(openApiPath(), (m) => console.warn(`[sandbox] ${m}`)),
  };
  const requests = { total: 0, rateLimited: 0, byRoute: {} as Record<string, number> };
  /** Headers of a 429: the rate-limit headers, plus Retry-After when a fault asks for one. */
  const tooManyHeaders = (): Record<string, string> => {
    const retryAfter = faults.get().retryAfterSeconds;
    return {
      ...limits.headers(),
      ...(typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {}),
    };
  };
  let webhook: WebhookTarget | null = options.webhook ?? null;

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  async function handleV1(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    requests.total += 1;
    // An id per request, as API gateways send, so errors can be matched with server logs.
    res.setHeader('x-request-id', randomUUID());
    if (faults.latencyMs() > 0) await sleep(faults.latencyMs());
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    const name = route?.name ?? `${method} ${path}`;
    requests.byRoute[name] = (requests.byRoute[name] ?? 0) + 1;
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const key = token ? keys.get(token.trim()) : undefined;
    if (!key) return send(res, 401, errorBody(401, 'unauthorized', 'a valid API key is required'));
    if (!limits.take()) {
      requests.rateLimited += 1;
      return send(
        res,
        429,
        errorBody(429, 'too_many_requests', 'rate limit exceeded'),
        tooManyHeaders(),
      );
    }
    const headers = limits.headers();
    // Every answer to a counted request carries the budget, errors thrown by handlers included.
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (!route)
      return send(res, 404, errorBody(404, 'not_found', `no route ${method} ${path}`), headers);
    const before = faults.before(method, path);
    if (before.kind === 'outage')
      return send(
        res,
        503,
        errorBody(503, 'service_unavailable', 'Kustomer is unavailable'),
        headers,
      );
    if (before.kind === 'status') {
      if (before.status === 429) requests.rateLimited += 1;
      return send(
        res,
        before.status,
        errorBody(before.status, 'injected_fault', `injected ${before.status}`),
        before.status === 429 ? tooManyHeaders() : headers,
      );
    }
    if (route.roles && !route.roles.some((role) => key.roles.includes(role))) {
      return send(
        res,
        403,
        errorBody(403, 'forbidden', `the API key needs one of: ${route.roles.join(', ')}`),
        headers,
      );
    }
    const raw = method === 'GET' ? '' : await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, errorBody(400, 'bad_request', 'the body is not valid JSON'), headers);
    }
    const reply = route.handle({
      params: route.pattern.exec(path)!.slice(1),
      query: url.searchParams,
      body,
      path,
      key,
      core,
    });
    const after = faults.after(method, path);
    if (after.kind === 'reset-after-commit') {
      req.socket.destroy();
      return;
    }
    if (after.kind === 'slow') await sleep(after.ms);
    send(res, reply.status, reply.body, headers);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const work = url.pathname.startsWith('/__sandbox')
      ? handleAdmin(req, res, url, handle)
      : url.pathname.startsWith('/v1/')
        ? handleV1(req, res, url)
        : Promise.resolve(send(res, 404, errorBody(404, 'not_found', 'not found')));
    work.catch((error: unknown) => {
      if (error instanceof SandboxHttpError) {
        if (error.status === 429) requests.rateLimited += 1;
        send(
          res,
          error.status,
          errorBody(error.status, error.code, error.detail, error.pointer),
          error.status === 429 ? tooManyHeaders() : {},
        );
      } else {
        log(`unexpected error: ${(error as Error).stack}`);
        send(res, 500, errorBody(500, 'internal_error', 'sandbox error'));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;

  const handle: SandboxHandle = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    apiKey: [...keys.keys()][0]!,
    setFaults: (next) => faults.set(next),
    clearFaults: () => faults.clear(),
    state: (): SandboxState =>
      structuredClone({
        ...store.data,
        bulkJobs: undefined,
        faults: faults.get(),
        requests,
      }) as SandboxState,
    reset() {
      store.reset();
      faults.clear();
      limits.reset();
      requests.total = 0;
      requests.rateLimited = 0;
      requests.byRoute = {};
    },
    async agentReply(conversationId, text) {
      const conversation = store.conversation(conversationId);
      if (!conversation) throw new SandboxHttpError(404, 'not_found', 'conversation not found');
      const message = {
        id: objectId(),
        conversationId,
        customerId: conversation.customerId,
        channel: 'chat',
        app: 'kustomer',
        direction: 'out' as const,
        preview: text,
        externalId: null,
        sentAt: new Date(now()).toISOString(),
        importedAt: null,
        meta: { author: 'Sandbox Agent' },
        createdAt: new Date(now()).toISOString(),
      };
      store.data.messages.push(message);
      await deliverEvent(webhook, 'kustomer.message.create', messageResource(message), null, log);
      return message;
    },
    async closeConversation(conversationId) {
      const conversation = store.conversation(conversationId);
      if (!conversation) throw new SandboxHttpError(404, 'not_found', 'conversation not found');
      const before = conversation.status;
      conversation.status = 'done';
      conversation.updatedAt = new Date(now()).toISOString();
      await deliverEvent(
        webhook,
        'kustomer.conversation.update',
        conversationResource(conversation),
        { attributes: { status: { before, after: 'done' } } },
        log,
      );
    },
    setWebhook: (next) => void (webhook = next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return handle;
}

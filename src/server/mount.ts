/**
 * The module as one Web handler a host app mounts under a path of its own: every endpoint of
 * the HTTP API (escalations, live chat, the Integrations page's admin endpoints, webhooks, the
 * cron drain) answers under `prefix`, whatever the host (Next.js route handler, Express, Node's
 * http, Vercel). Configured by the documented environment variables, or by `env`.
 * Services are created on the first request, once; a configuration error answers JSON 503
 * (see startupFailure) and the next request tries again.
 */
import type { DrainReport } from '../escalation/types.js';
import { createApp, type AppOptions } from './app.js';
import { ApiError, errorResponse } from './http.js';
import type { ConnectionInfo } from './router.js';
import { createServices, type ServiceOverrides, type Services } from './services.js';
import { loadServerEnv } from './env.js';
import { startupFailure } from './vercel-handler.js';

export interface EscalationServerOptions extends AppOptions, ServiceOverrides {
  /** Where every endpoint is mounted: `${prefix}/escalations`, ... @default '/api' */
  prefix?: string;
  /** The documented variables (KUSTOMER_API_KEY, ADMIN_TOKEN, ...). @default process.env */
  env?: Record<string, string | undefined>;
  /**
   * The host's public origin, for the embedded sandbox's webhooks. Without it, the origin of
   * the first request is used (sandbox mode only: a live org's webhooks are set up in Kustomer).
   */
  publicUrl?: string;
}

export interface EscalationServer {
  /** The endpoints: a Request under `prefix` in, a Response out (404 JSON for other paths). */
  handle(request: Request, connection?: ConnectionInfo): Promise<Response>;
  /** Delivers the outbox entries that are due (what the cron endpoint does), for a host's scheduler. */
  drain(): Promise<DrainReport>;
  /** Drains every `intervalMs` in this process (long-running hosts: Node, Express). */
  startDrainer(options?: { intervalMs?: number }): { stop(): Promise<void> };
  /** The services behind the handler, created on first use. */
  services(): Promise<Services>;
  readonly prefix: string;
  close(): Promise<void>;
}

const API_ROOT = '/api';

export function normalizePrefix(prefix: string): string {
  const trimmed = `/${prefix}`.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed;
}

/** The path below `prefix`, or null when the request is not for us. */
export function pathBelow(prefix: string, pathname: string): string | null {
  if (pathname === prefix) return '';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : null;
}

/** The same request with its path moved from under `prefix` to under /api, where the routes are. */
function underApiRoot(request: Request, url: URL, rest: string): Request {
  if (url.pathname === API_ROOT + rest) return request;
  const moved = new URL(url);
  moved.pathname = API_ROOT + rest;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(moved, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
  } as RequestInit);
}

export function createEscalationServer(options: EscalationServerOptions = {}): EscalationServer {
  const prefix = normalizePrefix(options.prefix ?? API_ROOT);
  let services: Promise<Services> | null = null;
  let publicUrlSet = false;
  const load = (): Promise<Services> => {
    services ??= Promise.resolve()
      .then(() =>
        createServices(loadServerEnv(options.env ?? process.env), { ...options, apiBase: prefix }),
      )
      .then(async (created) => {
        if (options.publicUrl) await setPublicUrl(created, options.publicUrl);
        return created;
      })
      .catch((error: unknown) => {
        services = null;
        throw error;
      });
    return services;
  };
  const setPublicUrl = (created: Services, origin: string) => {
    publicUrlSet = true;
    return created.setPublicUrl(origin);
  };
  let app: ReturnType<typeof createApp> | null = null;

  return {
    prefix,
    async handle(request, connection = {}) {
      const url = new URL(request.url);
      const rest = pathBelow(prefix, url.pathname);
      if (rest === null)
        return errorResponse(new ApiError(404, 'not_found', `nothing at ${url.pathname}`), '-');
      let created: Services;
      try {
        created = await load();
      } catch (error) {
        return startupFailure(underApiRoot(request, url, rest), error);
      }
      if (!publicUrlSet && created.sandbox) await setPublicUrl(created, url.origin);
      app ??= createApp(created, options);
      return app(underApiRoot(request, url, rest), connection);
    },
    drain: async () => (await load()).escalations.drain(),
    startDrainer(drainerOptions = {}) {
      const started = load().then((created) =>
        created.escalations.startDrainer({ intervalMs: drainerOptions.intervalMs ?? 5000 }),
      );
      return { stop: async () => (await started).stop() };
    },
    services: load,
    async close() {
      if (!services) return;
      await (await services.catch(() => null))?.close();
      services = null;
      app = null;
    },
  };
}

/**
 * createApp: every /api request as a Web function (Request -> Response), the same for Vercel,
 * the dev server and `npm start`. Adds request ids, security and CORS headers, the admin check,
 * and turns every failure into a JSON error body; nothing internal reaches a response.
 */
import { randomUUID } from 'node:crypto';
import { isSettingsValidationError } from '../escalation/settings.js';
import { isEscalationSessionConflict } from '../escalation/session-conflict.js';
import { UnknownEscalationError } from '../escalation/store.js';
import { isStoreUnavailable } from '../escalation/stores/index.js';
import { isKustomerError } from '../kustomer/errors.js';
import { isConfigError } from '../platform/config-error.js';
import { escalationRoutes } from './handlers/escalations.js';
import { integrationRoutes } from './handlers/integration.js';
import { liveChatRoutes } from './handlers/live-chat.js';
import { attachmentRoutes } from './handlers/attachments.js';
import { opsRoutes } from './handlers/ops.js';
import { sandboxRoutes } from './handlers/sandbox.js';
import { webhookRoutes } from './handlers/webhooks.js';
import { ApiError, errorResponse, json } from './http.js';
import { clientAddress, servedOverTls } from './client-address.js';
import { compileRoutes, match, type ConnectionInfo, type RequestContext } from './router.js';
import {
  bearer,
  corsHeaders,
  fromAllowedSite,
  isLocalRequest,
  safeEqual,
  securityHeaders,
} from './security.js';
import type { Services } from './services.js';

export interface AppOptions {
  /**
   * The host app's own session check for admin endpoints; the ADMIN_TOKEN bearer still works.
   * Such sessions usually ride on cookies, which a browser also sends with a form posted from
   * another site, so a change (any method but GET and HEAD) let in by this check must come from
   * this origin or an ALLOWED_ORIGINS one.
   */
  authorizeAdmin?: (request: Request) => Promise<boolean>;
}

const ROUTES = compileRoutes([
  ...escalationRoutes,
  ...liveChatRoutes,
  ...attachmentRoutes,
  ...integrationRoutes,
  ...sandboxRoutes,
  ...webhookRoutes,
  ...opsRoutes,
]);
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
// nginx's 499 "client closed request": nobody reads it, but the request log says what happened.
const CLIENT_GONE = new ApiError(499, 'client_closed_request', 'the client closed the connection');

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isEscalationSessionConflict(error)) return new ApiError(409, error.code, error.message);
  if (error instanceof UnknownEscalationError)
    return new ApiError(404, 'not_found', 'no escalation with that id');
  if (isStoreUnavailable(error))
    return new ApiError(
      503,
      error.code,
      'the escalation store is not reachable right now; try again shortly',
      undefined,
      { 'retry-after': '5' },
    );
  if (isSettingsValidationError(error))
    return new ApiError(400, 'validation_failed', error.message, error.fields);
  // A variable that does not parse: its message names the variable, never the value. Not a
  // Kustomer failure, so never a 502 kustomer_*.
  if (isConfigError(error)) return new ApiError(503, 'config_error', error.message);
  // Kustomer down, slow or rate limiting: try again later (503); otherwise it refused (502).
  if (isKustomerError(error))
    return new ApiError(error.transient ? 503 : 502, `kustomer_${error.code}`, error.message);
  return new ApiError(500, 'internal_error', 'something went wrong; the request id is in the logs');
}

async function isAdmin(
  request: Request,
  services: Services,
  options: AppOptions,
  connection: ConnectionInfo,
): Promise<boolean> {
  const token = bearer(request);
  const { adminToken, adminOpen, production } = services.env;
  if (adminToken) {
    if (token && safeEqual(token, adminToken)) return true;
  } else if (adminOpen && !production && isLocalRequest(request, connection.remoteAddress)) {
    // The local sandbox demo, for whoever sits at this machine only: `npm start` listens on
    // every interface by default. Production is checked again in case the env check was bypassed.
    return true;
  }
  if (!options.authorizeAdmin) return false;
  const change = request.method !== 'GET' && request.method !== 'HEAD';
  if (change && !fromAllowedSite(request, services.env.allowedOrigins)) return false;
  return options.authorizeAdmin(request);
}

export function createApp(services: Services, options: AppOptions = {}) {
  return async function handle(
    request: Request,
    connection: ConnectionInfo = {},
  ): Promise<Response> {
    const started = Date.now();
    const url = new URL(request.url);
    const incoming = request.headers.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const headers = {
      ...securityHeaders(
        servedOverTls(
          url.protocol,
          request.headers.get('x-forwarded-proto'),
          services.env.trustProxy,
        ),
      ),
      ...corsHeaders(request, url, services.env.allowedOrigins),
      'x-request-id': requestId,
    };
    let response: Response | undefined;
    try {
      response = await route(request, url, requestId, connection);
    } catch (error) {
      const apiError = toApiError(error);
      // A client that left is no failure of ours: whatever its request was doing, it is logged
      // as the 'request' line below with the client's own code, not as an error.
      if (request.signal.aborted) response = errorResponse(CLIENT_GONE, requestId);
      else if (apiError.status >= 500)
        services.logger.error('request failed', {
          requestId,
          path: url.pathname,
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof Error && error.cause instanceof Error
            ? { cause: error.cause.message }
            : {}),
        });
      response ??= errorResponse(apiError, requestId);
    }
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    services.logger.info('request', {
      requestId,
      method: request.method,
      path: url.pathname,
      status: response.status,
      ms: Date.now() - started,
    });
    return response;
  };

  async function route(
    request: Request,
    url: URL,
    requestId: string,
    connection: ConnectionInfo,
  ): Promise<Response> {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204 });
    const found = match(ROUTES, request.method, url.pathname);
    if (!found.route) {
      if (found.allowed.length)
        throw new ApiError(
          405,
          'method_not_allowed',
          `use ${found.allowed.join(' or ')}`,
          undefined,
          { allow: found.allowed.join(', ') },
        );
      throw new ApiError(404, 'not_found', `no endpoint ${request.method} ${url.pathname}`);
    }
    if (found.route.admin && !(await isAdmin(request, services, options, connection))) {
      // Without any way in, asking for a token would only send the admin round in circles.
      const signInPossible = Boolean(services.env.adminToken || options.authorizeAdmin);
      throw new ApiError(
        401,
        signInPossible ? 'unauthorized' : 'admin_token_not_set',
        signInPossible
          ? 'this endpoint needs the admin token: Authorization: Bearer <ADMIN_TOKEN>'
          : services.env.adminOpen
            ? 'without ADMIN_TOKEN the admin endpoints answer only on this machine (localhost): set ADMIN_TOKEN to use them from elsewhere'
            : 'this deployment has no ADMIN_TOKEN: set one in its environment to use the admin endpoints',
        undefined,
        { 'www-authenticate': 'Bearer' },
      );
    }
    const ctx: RequestContext = {
      request,
      url,
      params: found.params ?? {},
      services,
      requestId,
      clientIp: clientAddress(request, services.env.trustProxy, connection.remoteAddress),
      isAdmin: () => isAdmin(request, services, options, connection),
    };
    return found.route.handler(ctx);
  }
}

export { json };

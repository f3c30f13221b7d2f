/**
 * The Vercel function's handler: services created once per warm instance, then createApp. When
 * they cannot be created (a bad variable, an unreachable store), every request gets a JSON 503
 * instead of Vercel's own 500 page, and /api/health still answers: the function is alive, it is
 * the configuration that is wrong. The next request tries again (getServices forgets a failure).
 */
import { randomUUID } from 'node:crypto';
import { isConfigError } from '../platform/config-error.js';
import { createApp } from './app.js';
import { ApiError, errorResponse, json } from './http.js';
import { createJsonLogger } from '../platform/json-logger.js';
import { securityHeaders } from './security.js';
import { getServices, type Services } from './services.js';

const HEALTH = /^\/api\/health\/?$/;

export function startupFailure(request: Request, error: unknown): Response {
  const url = new URL(request.url);
  const headers = securityHeaders(url.protocol === 'https:');
  if (request.method === 'GET' && HEALTH.test(url.pathname))
    return withHeaders(json(200, { status: 'ok' }), headers);
  const requestId = randomUUID();
  const env = process.env;
  // The env did not validate, so the services' logger is missing: scrub the raw secret values.
  createJsonLogger({
    secrets: [env.KUSTOMER_API_KEY, env.ADMIN_TOKEN, env.CRON_SECRET, env.KUSTOMER_WEBHOOK_SECRET],
    debug: () => false,
  }).error('cannot start', {
    requestId,
    path: url.pathname,
    error: error instanceof Error ? error.message : String(error),
  });
  // Configuration messages name the variable and never its value (see env.ts); anything else
  // may hold internals, so the caller gets only the request id to find the log line.
  const apiError = isConfigError(error)
    ? new ApiError(503, 'config_error', error.message)
    : new ApiError(503, 'unavailable', 'the server cannot start; the request id is in the logs');
  return withHeaders(errorResponse(apiError, requestId), { ...headers, 'x-request-id': requestId });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export function createVercelHandler(load: () => Promise<Services> = getServices) {
  return async function handle(request: Request): Promise<Response> {
    let services: Services;
    try {
      services = await load();
    } catch (error) {
      return startupFailure(request, error);
    }
    return createApp(services)(request);
  };
}

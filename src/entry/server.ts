/**
 * `kustomer-escalation/server`: every endpoint as one Web handler mounted under a prefix, with
 * adapters for Node's http and Express and for Next.js route handlers, and the drain entry.
 */
export {
  createEscalationServer,
  type EscalationServer,
  type EscalationServerOptions,
} from '../server/mount.js';
export {
  toNextRouteHandlers,
  toNodeMiddleware,
  type NodeMiddlewareOptions,
} from '../server/mount-adapters.js';
export { createApp, type AppOptions } from '../server/app.js';
export { createServices, getServices } from '../server/services.js';
export type { Services, ServiceOverrides } from '../server/services.js';
export { loadServerEnv, type ServerEnv } from '../server/env.js';
export { nodeHandler, toWebRequest, sendWebResponse } from '../server/node-adapter.js';
export type { ConnectionInfo } from '../server/router.js';
export { createVercelHandler } from '../server/vercel-handler.js';
export { createJsonLogger, type JsonLoggerOptions } from '../platform/json-logger.js';

/**
 * The table of every Kustomer /v1 route the sandbox answers, grouped by resource, each written as
 * Kustomer's route template (route-match.ts builds its pattern). A request takes the first route
 * whose method and template match; no two templates overlap (a test checks), so the order of the
 * groups does not decide which route answers.
 */
import { routeMatcher } from './route-match.js';
import type { Route } from './route-types.js';
import { attachmentRoutes } from './routes-attachments.js';
import { availabilityRoutes } from './routes-availability.js';
import { bulkRoutes } from './routes-bulk.js';
import { conversationRoutes } from './routes-conversations.js';
import { currentTokenRoutes } from './routes-current-token.js';
import { customerRoutes } from './routes-customers.js';
import { messageRoutes } from './routes-messages.js';
import { noteRoutes } from './routes-notes.js';
import { routingRoutes } from './routes-routing.js';
import { slaRoutes } from './routes-slas.js';
import { outboundWebhookRoutes } from './routes-outbound-webhooks.js';
import { teamRoutes } from './routes-teams.js';

export const V1_ROUTES: Route[] = [
  ...customerRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...attachmentRoutes,
  ...bulkRoutes,
  ...noteRoutes,
  ...teamRoutes,
  ...currentTokenRoutes,
  ...routingRoutes,
  ...slaRoutes,
  ...availabilityRoutes,
  ...outboundWebhookRoutes,
];

/** The route a /v1 request takes, with its counters' name and its decoded values. */
export const matchV1 = routeMatcher(V1_ROUTES);

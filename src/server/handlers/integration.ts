/** The Integrations page's endpoints (all admin). */
import { randomUUID } from 'node:crypto';
import {
  customerLookupResponseSchema,
  testEscalationRequestSchema,
  type ConnectionResult,
} from '../../shared/integration.js';
import { escalationRequestSchema } from '../../shared/escalation.js';
import { settingsUpdateSchema, usesQueues } from '../../shared/settings.js';
import { checkConnection, connectionResult } from '../../kustomer/connection-check.js';
import { ApiError, json, parseWith, readJson, readOptionalJson } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';
import type { Services } from '../services.js';
import { drainWithinBudget } from './drain-budget.js';
import { availabilityRoutes } from './availability.js';
import { handoffRoutes } from './handoff.js';
import { integrationAnalyticsRoutes } from './integration-analytics.js';
import { integrationRoutingRoutes } from './integration-routing.js';
import { CONNECTION_KEY, integrationStatus } from './integration-status.js';
import { resultStatus } from './escalations.js';

const LIMIT = 64 * 1024;

/** The one connection check (kustomer/connection-check.ts), kept in the store for every instance. */
export async function testConnection(services: Services): Promise<ConnectionResult> {
  const queues = usesQueues(await services.settings.get());
  const check = await checkConnection(services.client, { queues });
  const result = connectionResult(check);
  await services.store.serverValues.put(CONNECTION_KEY, result);
  return result;
}

async function testEscalation(ctx: RequestContext): Promise<Response> {
  // The body is optional, but one that is there must be valid: a typo must not still create a
  // real conversation in Kustomer.
  const body = (await readOptionalJson(ctx.request, LIMIT)) ?? {};
  const { email } = parseWith(testEscalationRequestSchema, body);
  const now = new Date().toISOString();
  const request = parseWith(escalationRequestSchema, {
    escalationId: `test-${randomUUID()}`,
    sessionId: 'integrations-test',
    customer: { email: email ?? 'integration-test@example.com', name: 'Integration test' },
    transcript: [
      {
        id: 'm1',
        role: 'user',
        text: 'This is a test escalation from the Integrations page.',
        at: now,
      },
      { id: 'm2', role: 'bot', text: 'Handing this test over to a person.', at: now },
    ],
    reason: 'user_requested',
    intent: 'integration-test',
    summary:
      'TEST: sent from Settings › Integrations to check the connection end to end. Safe to close.',
    tags: ['test'],
    test: true,
  });
  const result = await ctx.services.escalations.escalate(request);
  return json(resultStatus(result), result);
}

async function lookup(ctx: RequestContext): Promise<Response> {
  const email = ctx.url.searchParams.get('email')?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email))
    throw new ApiError(400, 'validation_failed', 'give a valid email', {
      email: 'enter an email address',
    });
  const customer = await ctx.services.client.customers.getByEmail(email, { lane: 'background' });
  const body = customerLookupResponseSchema.parse({
    customer: customer && {
      id: customer.id,
      name: customer.name,
      emails: customer.emails,
      phones: customer.phones,
      externalId: customer.externalId,
      url: ctx.services.env.kustomer.appUrl
        ? `${ctx.services.env.kustomer.appUrl}/app/customers/${customer.id}`
        : null,
      conversationCounts: customer.conversationCounts,
    },
  });
  return json(200, body);
}

async function retry(ctx: RequestContext): Promise<Response> {
  const result = await ctx.services.escalations.retryNow(ctx.params.id!);
  if (!result) throw new ApiError(404, 'not_found', 'no escalation with that id in the outbox');
  return json(200, result);
}

export const integrationRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/integrations/kustomer',
    admin: true,
    handler: async (ctx) => json(200, await integrationStatus(ctx.services)),
  },
  {
    method: 'PUT',
    path: '/api/integrations/kustomer/settings',
    admin: true,
    handler: async (ctx) =>
      json(
        200,
        await ctx.services.settings.update(
          parseWith(settingsUpdateSchema, await readJson(ctx.request, LIMIT)),
        ),
      ),
  },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/test',
    admin: true,
    handler: async (ctx) => json(200, await testConnection(ctx.services)),
  },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/test-escalation',
    admin: true,
    handler: testEscalation,
  },
  {
    method: 'GET',
    path: '/api/integrations/kustomer/teams',
    admin: true,
    handler: async (ctx) =>
      json(200, { teams: await ctx.services.client.teams.list({ lane: 'background' }) }),
  },
  { method: 'GET', path: '/api/integrations/kustomer/customers', admin: true, handler: lookup },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/outbox/drain',
    admin: true,
    handler: async (ctx) => json(200, await drainWithinBudget(ctx.services)),
  },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/outbox/:id/retry',
    admin: true,
    handler: retry,
  },
  ...integrationRoutingRoutes,
  ...integrationAnalyticsRoutes,
  ...handoffRoutes,
  ...availabilityRoutes,
];

/**
 * The Integrations page's routing endpoints (admin): "try a sample escalation against the rules",
 * and Kustomer's queues for the routing editor.
 */
import { explainRouting, type TeamRef } from '../../escalation/routing.js';
import { isKustomerError } from '../../kustomer/errors.js';
import type { EscalationRequest } from '../../shared/escalation.js';
import { usesQueues } from '../../shared/settings.js';
import {
  routingTrialRequestSchema,
  type QueuesResponse,
  type RoutingTrialRequest,
  type RoutingTrialResponse,
} from '../../shared/routing-trial.js';
import { json, parseWith, readJson } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';

const LIMIT = 64 * 1024;

/** The sample as the routing function sees a real escalation: one customer line. */
function sampleRequest(trial: RoutingTrialRequest): EscalationRequest {
  return {
    escalationId: 'routing-trial',
    sessionId: 'routing-trial',
    customer: { email: 'routing-trial@example.com' },
    transcript: [{ id: 'm1', role: 'user', text: trial.text, at: new Date().toISOString() }],
    reason: trial.reason,
    ...(trial.intent ? { intent: trial.intent } : {}),
    ...(trial.attributes ? { attributes: trial.attributes } : {}),
  };
}

/** Names make the answer readable; without Kustomer's lists the ids still route the same. */
async function namesOrNull(list: () => Promise<TeamRef[]>): Promise<TeamRef[] | null> {
  try {
    return await list();
  } catch (error) {
    if (isKustomerError(error)) return null;
    throw error;
  }
}

async function tryRouting(ctx: RequestContext): Promise<Response> {
  const trial = parseWith(routingTrialRequestSchema, await readJson(ctx.request, LIMIT));
  const settings = trial.rules ?? (await ctx.services.settings.get());
  const { client } = ctx.services;
  const [teams, queues] = await Promise.all([
    namesOrNull(() => client.teams.list({ lane: 'background' })),
    usesQueues(settings) ? namesOrNull(() => client.routing.listQueues()) : null,
  ]);
  const { decision, rules } = explainRouting(sampleRequest(trial), settings, teams, queues);
  const body: RoutingTrialResponse = {
    ruleId: decision.ruleId,
    team: decision.teamId ? { id: decision.teamId, name: decision.teamName } : null,
    queue: decision.queueId ? { id: decision.queueId, name: decision.queueName ?? null } : null,
    priority: decision.priority,
    explanation: decision.explanation,
    rules,
  };
  return json(200, body);
}

/** A key without the queue role gets an empty list and the reason, so the editor can say it. */
async function listQueues(ctx: RequestContext): Promise<Response> {
  let body: QueuesResponse;
  try {
    const queues = await ctx.services.client.routing.listQueues({ lane: 'background' });
    body = { queues, unavailable: null };
  } catch (error) {
    if (!isKustomerError(error) || error.code !== 'permission') throw error;
    body = {
      queues: [],
      unavailable: 'the API key cannot read queues (org.permission.queue.read)',
    };
  }
  return json(200, body);
}

export const integrationRoutingRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/integrations/kustomer/queues', admin: true, handler: listQueues },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/routing/try',
    admin: true,
    handler: tryRouting,
  },
];

/** The Integrations page's "try a sample escalation against the rules" endpoint (admin). */
import { explainRouting, type TeamRef } from '../../escalation/routing.js';
import { isKustomerError } from '../../kustomer/errors.js';
import type { EscalationRequest } from '../../shared/escalation.js';
import {
  routingTrialRequestSchema,
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

/** Team names make the answer readable; without Kustomer's list the ids still route the same. */
async function teamsOrNull(ctx: RequestContext): Promise<TeamRef[] | null> {
  try {
    return await ctx.services.client.teams.list({ lane: 'background' });
  } catch (error) {
    if (isKustomerError(error)) return null;
    throw error;
  }
}

async function tryRouting(ctx: RequestContext): Promise<Response> {
  const trial = parseWith(routingTrialRequestSchema, await readJson(ctx.request, LIMIT));
  const settings = trial.rules ?? (await ctx.services.settings.get());
  const { decision, rules } = explainRouting(
    sampleRequest(trial),
    settings,
    await teamsOrNull(ctx),
  );
  const body: RoutingTrialResponse = {
    ruleId: decision.ruleId,
    team: decision.teamId ? { id: decision.teamId, name: decision.teamName } : null,
    priority: decision.priority,
    explanation: decision.explanation,
    rules,
  };
  return json(200, body);
}

export const integrationRoutingRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/integrations/kustomer/routing/try',
    admin: true,
    handler: tryRouting,
  },
];

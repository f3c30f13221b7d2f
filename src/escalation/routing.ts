/**
 * Routing rules: which team and priority an escalation gets. Pure functions, no I/O.
 *
 * Rules are tried in order and the first match wins. Within a rule every condition that is given
 * must match (AND); within one condition's list any item may match (OR). No match falls back to
 * the defaults in settings. A rule without a team uses the default team, as a rule without a
 * priority uses the default priority; a rule may instead say "no team" (`NO_TEAM`) to leave the
 * conversation unassigned.
 *
 * An explicit `teamId` or `priority` sent by the chat overrides whatever the rules chose: the chat
 * knows things the rules cannot (a VIP flag, an order in trouble). A chat-sent team that is not in
 * Kustomer's team list is ignored (Kustomer would reject the conversation), and the explanation
 * says so.
 */
import type { EscalationRequest } from '../shared/escalation.js';
import type { Priority } from '../shared/priority.js';
import { NO_TEAM, type IntegrationSettings, type RoutingRule } from '../shared/settings.js';
import { checkRule, ruleMatches, type ConditionCheck } from './routing-conditions.js';
import type { RoutingDecision } from './record.js';

export { checkRule, keywordPattern, ruleMatches } from './routing-conditions.js';

export interface TeamRef {
  id: string;
  name: string;
}

export type RoutingSettings = Pick<
  IntegrationSettings,
  'routingRules' | 'defaultTeamId' | 'defaultPriority'
> &
  Partial<Pick<IntegrationSettings, 'defaultQueueId'>>;

/** Names for the decision: Kustomer's teams and, when routing names queues, its queues. */

function clampPriority(value: number): Priority {
  const rounded = Math.round(Number.isFinite(value) ? value : 3);
  return Math.min(5, Math.max(1, rounded)) as Priority;
}

function describeRule(rule: RoutingRule): string {
  return rule.name ? `rule "${rule.name}" (${rule.id})` : `rule ${rule.id}`;
}

/** The team a matched rule assigns: its own, none when it says so, else the default team. */
export function ruleTeam(rule: RoutingRule, defaultTeamId: string | null): string | null {
  if (rule.teamId === NO_TEAM) return null;
  return rule.teamId ?? defaultTeamId;
}

export function route(
  request: EscalationRequest,
  settings: RoutingSettings,
  teams?: readonly TeamRef[] | null,
  queues?: readonly TeamRef[] | null,
): RoutingDecision {
  const rule = settings.routingRules.find((r) => ruleMatches(r, request)) ?? null;
  let teamId = rule ? ruleTeam(rule, settings.defaultTeamId) : settings.defaultTeamId;
  let priority: number = rule?.priority ?? settings.defaultPriority;
  const why: string[] = [
    rule ? `Matched ${describeRule(rule)}.` : 'No routing rule matched; defaults applied.',
  ];

  if (request.teamId !== undefined) {
    const known = !teams || teams.some((t) => t.id === request.teamId);
    if (known) {
      teamId = request.teamId;
      why.push('Team chosen by the chat.');
    } else {
      why.push(`The chat asked for team ${request.teamId}, which does not exist; ignored.`);
    }
  }
  if (request.priority !== undefined) {
    priority = request.priority;
    why.push('Priority set by the chat.');
  }
  const teamName = teamId ? (teams?.find((t) => t.id === teamId)?.name ?? null) : null;
  const queueId = rule?.queueId ?? settings.defaultQueueId ?? null;
  return {
    teamId: teamId ?? null,
    teamName,
    queueId,
    queueName: queueId ? (queues?.find((q) => q.id === queueId)?.name ?? null) : null,
    priority: clampPriority(priority),
    ruleId: rule?.id ?? null,
    explanation: why.join(' '),
  };
}

/**
 * Field errors for rules that name a team Kustomer does not have, and for repeated rule ids, keyed
 * by the dotted path the settings form uses (`routingRules.2.teamId`).
 */
export function validateRules(
  rules: readonly RoutingRule[],
  teams: readonly TeamRef[],
  prefix = 'routingRules',
  queues: readonly TeamRef[] | null = null,
): Record<string, string> {
  const knownQueues = queues ? new Set(queues.map((q) => q.id)) : null;
  const fields: Record<string, string> = {};
  const known = new Set(teams.map((t) => t.id));
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (rule.teamId !== null && rule.teamId !== NO_TEAM && !known.has(rule.teamId)) {
      fields[`${prefix}.${index}.teamId`] = `team ${rule.teamId} does not exist in Kustomer`;
    }
    if (rule.queueId && knownQueues && !knownQueues.has(rule.queueId)) {
      fields[`${prefix}.${index}.queueId`] = `queue ${rule.queueId} does not exist in Kustomer`;
    }
    if (seen.has(rule.id)) fields[`${prefix}.${index}.id`] = `rule id "${rule.id}" is used twice`;
    seen.add(rule.id);
  });
  return fields;
}

export interface RuleTrial {
  id: string;
  name: string | null;
  matched: boolean;
  checks: ConditionCheck[];
}

/**
 * What `route` decides for a request, with every rule's conditions checked and explained: the
 * Integrations page's "try a sample escalation" box. Rules after the first match are still
 * checked, so the page can show that a later rule would have matched too (order matters).
 */
export function explainRouting(
  request: EscalationRequest,
  settings: RoutingSettings,
  teams?: readonly TeamRef[] | null,
  queues?: readonly TeamRef[] | null,
): { decision: RoutingDecision; rules: RuleTrial[] } {
  return {
    decision: route(request, settings, teams, queues),
    rules: settings.routingRules.map((rule) => {
      const checks = checkRule(rule, request);
      return {
        id: rule.id,
        name: rule.name ?? null,
        matched: checks.every((check) => check.ok),
        checks,
      };
    }),
  };
}

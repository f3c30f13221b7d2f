/**
 * Routing rules: which team and priority an escalation gets. Pure functions, no I/O.
 *
 * Rules are tried in order and the first match wins. Within a rule every condition that is given
 * must match (AND); within one condition's list any item may match (OR). No match falls back to
 * the defaults in settings.
 *
 * An explicit `teamId` or `priority` sent by the chat overrides whatever the rules chose: the chat
 * knows things the rules cannot (a VIP flag, an order in trouble). A chat-sent team that is not in
 * Kustomer's team list is ignored (Kustomer would reject the conversation), and the explanation
 * says so.
 */
import type { EscalationRequest } from '../shared/escalation.js';
import type { Priority } from '../shared/priority.js';
import type { IntegrationSettings, RoutingRule } from '../shared/settings.js';
import type { RoutingDecision } from './store.js';

export interface TeamRef {
  id: string;
  name: string;
}

type RoutingSettings = Pick<
  IntegrationSettings,
  'routingRules' | 'defaultTeamId' | 'defaultPriority'
>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word (or whole-phrase) match, case-insensitive, Unicode-aware; spaces match any run of whitespace. */
export function keywordPattern(keyword: string): RegExp {
  const words = keyword.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, 'iu');
}

/** Only what the customer wrote counts for keywords: the bot's own words would trigger every rule. */
function customerText(request: EscalationRequest): string[] {
  return request.transcript.filter((entry) => entry.role === 'user').map((entry) => entry.text);
}

/** True when every condition the rule gives holds (conditions it leaves out do not constrain). */
export function ruleMatches(rule: RoutingRule, request: EscalationRequest): boolean {
  if (rule.intents?.length) {
    const intent = request.intent?.toLowerCase();
    if (intent === undefined || !rule.intents.some((i) => i.toLowerCase() === intent)) return false;
  }
  if (rule.reasons?.length && !rule.reasons.includes(request.reason)) return false;
  if (rule.attribute) {
    const value = request.attributes?.[rule.attribute.key];
    if (value === undefined || String(value) !== rule.attribute.equals) return false;
  }
  if (rule.keywords?.length) {
    const lines = customerText(request);
    const hit = rule.keywords.some((keyword) => {
      if (keyword.trim() === '') return false;
      const pattern = keywordPattern(keyword);
      return lines.some((line) => pattern.test(line));
    });
    if (!hit) return false;
  }
  return true;
}

function clampPriority(value: number): Priority {
  const rounded = Math.round(Number.isFinite(value) ? value : 3);
  return Math.min(5, Math.max(1, rounded)) as Priority;
}

function describeRule(rule: RoutingRule): string {
  return rule.name ? `rule "${rule.name}" (${rule.id})` : `rule ${rule.id}`;
}

export function route(
  request: EscalationRequest,
  settings: RoutingSettings,
  teams?: readonly TeamRef[] | null,
): RoutingDecision {
  const rule = settings.routingRules.find((r) => ruleMatches(r, request)) ?? null;
  let teamId = rule ? rule.teamId : settings.defaultTeamId;
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
  return {
    teamId: teamId ?? null,
    teamName,
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
): Record<string, string> {
  const fields: Record<string, string> = {};
  const known = new Set(teams.map((t) => t.id));
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (rule.teamId !== null && !known.has(rule.teamId)) {
      fields[`${prefix}.${index}.teamId`] = `team ${rule.teamId} does not exist in Kustomer`;
    }
    if (seen.has(rule.id)) fields[`${prefix}.${index}.id`] = `rule id "${rule.id}" is used twice`;
    seen.add(rule.id);
  });
  return fields;
}

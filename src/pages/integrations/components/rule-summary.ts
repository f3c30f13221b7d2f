/**
 * One line per routing rule, in the words the routing function applies them: every condition
 * given must match (joined by "and"), any item of a list will do (joined by "or").
 */
import { PRIORITY_LABELS, type Priority } from '../../../shared/priority.js';
import { NO_TEAM } from '../../../shared/settings.js';
import type { Team } from '../../../shared/integration.js';
import { splitList, type RuleForm } from './settings-form-schema.js';

export interface RuleDefaults {
  teamId: string;
  priority: string;
}

const either = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
const quote = (items: string[]) => items.map((item) => `“${item}”`);

function conditions(rule: RuleForm): string[] {
  const parts: string[] = [];
  const intents = splitList(rule.intents);
  const keywords = splitList(rule.keywords);
  if (intents.length) parts.push(`intent is ${either(intents)}`);
  if (keywords.length) parts.push(`the customer wrote ${either(quote(keywords))}`);
  if (rule.reasons.length)
    parts.push(`reason is ${either(rule.reasons.map((r) => r.replace(/_/g, ' ')))}`);
  if (rule.attributeKey.trim())
    parts.push(`${rule.attributeKey.trim()} is “${rule.attributeEquals.trim()}”`);
  return parts;
}

function teamText(teamId: string, teams: Team[], fallback: string): string {
  if (teamId === NO_TEAM) return 'no team';
  if (!teamId) return fallback;
  return teams.find((team) => team.id === teamId)?.name ?? `team ${teamId}`;
}

export function summarizeRule(
  rule: RuleForm,
  teams: Team[],
  defaults: RuleDefaults,
  queues: Team[] = [],
): string {
  const when = conditions(rule);
  if (!when.length) return 'No conditions yet: give at least one.';
  const defaultTeam = defaults.teamId
    ? `the default team (${teamText(defaults.teamId, teams, '')})`
    : 'the default team (none set)';
  const team = teamText(rule.teamId, teams, defaultTeam);
  const priority = Number(rule.priority || defaults.priority) as Priority;
  const priorityText = `priority ${PRIORITY_LABELS[priority] ?? priority}${rule.priority ? '' : ' (default)'}`;
  const queue = rule.queueId
    ? `, queue ${queues.find((q) => q.id === rule.queueId)?.name ?? rule.queueId}`
    : '';
  return `If ${when.join(' and ')} → ${team}, ${priorityText.toLowerCase()}${queue}.`;
}

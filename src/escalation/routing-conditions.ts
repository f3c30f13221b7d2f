/**
 * One routing rule's conditions, checked one by one with the reason each holds or not, so the
 * Integrations page can say why a sample escalation did or did not match (the same checks
 * `route` uses, not a copy of them).
 *
 * Every condition a rule gives must hold (AND); within one condition's list any item may match
 * (OR). Conditions a rule leaves out do not constrain.
 */
import type { EscalationRequest } from '../shared/escalation.js';
import type { RoutingRule } from '../shared/settings.js';

export type ConditionKind = 'intent' | 'reason' | 'attribute' | 'keyword';

export interface ConditionCheck {
  condition: ConditionKind;
  ok: boolean;
  /** Plain words: `intent "billing" is one of billing, refund`. */
  detail: string;
}

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

const quoted = (items: readonly string[]) => items.map((item) => `"${item}"`).join(', ');

function intentCheck(intents: readonly string[], request: EscalationRequest): ConditionCheck {
  const intent = request.intent?.toLowerCase();
  const ok = intent !== undefined && intents.some((i) => i.toLowerCase() === intent);
  const given = request.intent === undefined ? 'no intent' : `intent "${request.intent}"`;
  return {
    condition: 'intent',
    ok,
    detail: `${given} ${ok ? 'is' : 'is not'} one of ${quoted(intents)}`,
  };
}

function keywordCheck(keywords: readonly string[], request: EscalationRequest): ConditionCheck {
  const lines = customerText(request);
  const hit = keywords.find(
    (keyword) => keyword.trim() !== '' && lines.some((line) => keywordPattern(keyword).test(line)),
  );
  return {
    condition: 'keyword',
    ok: hit !== undefined,
    detail:
      hit !== undefined
        ? `the customer wrote "${hit}"`
        : `the customer wrote none of ${quoted(keywords)}`,
  };
}

/** Each condition the rule gives, in the order they are listed on the page. */
export function checkRule(rule: RoutingRule, request: EscalationRequest): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  if (rule.intents?.length) checks.push(intentCheck(rule.intents, request));
  if (rule.keywords?.length) checks.push(keywordCheck(rule.keywords, request));
  if (rule.reasons?.length) {
    const ok = rule.reasons.includes(request.reason);
    checks.push({
      condition: 'reason',
      ok,
      detail: `reason "${request.reason}" ${ok ? 'is' : 'is not'} one of ${quoted(rule.reasons)}`,
    });
  }
  if (rule.attribute) {
    const { key, equals } = rule.attribute;
    const value = request.attributes?.[key];
    const ok = value !== undefined && String(value) === equals;
    checks.push({
      condition: 'attribute',
      ok,
      detail:
        value === undefined
          ? `no attribute "${key}" was sent`
          : `attribute ${key} = "${String(value)}" ${ok ? 'equals' : 'does not equal'} "${equals}"`,
    });
  }
  return checks;
}

/** True when every condition the rule gives holds. */
export function ruleMatches(rule: RoutingRule, request: EscalationRequest): boolean {
  return checkRule(rule, request).every((check) => check.ok);
}

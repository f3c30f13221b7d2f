/**
 * The settings form works in strings (what inputs hold) and turns them into the SettingsUpdate
 * the server validates; server-side field errors come back on the same paths.
 */
import { OUT_OF_HOURS_MODES } from '../../../shared/availability.js';
import { z } from 'zod';
import { escalationReasonSchema } from '../../../shared/escalation.js';
import type { IntegrationSettings, SettingsUpdate } from '../../../shared/settings.js';

/** `"refund, billing ,"` -> `['refund', 'billing']`: how every comma-separated field is read. */
export const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const list = splitList;
const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9]*(Str|Txt|Num|Bool|At|Url)$/;

const ruleShape = z.object({
  id: z.string(),
  name: z.string().max(100, 'At most 100 characters'),
  intents: z.string(),
  keywords: z.string(),
  reasons: z.array(escalationReasonSchema),
  attributeKey: z.string(),
  attributeEquals: z.string(),
  teamId: z.string(),
  priority: z.string(),
  /** '' follows the global out-of-hours choice (Settings › Business hours). */
  outOfHours: z.enum(['', ...OUT_OF_HOURS_MODES]),
  queueId: z.string(),
});

export const ruleFormSchema = ruleShape.superRefine((rule, ctx) => {
  if (
    !list(rule.intents).length &&
    !list(rule.keywords).length &&
    !rule.reasons.length &&
    !rule.attributeKey.trim()
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['intents'],
      message: 'Give at least one condition: an intent, a keyword, a reason or an attribute',
    });
  }
  if (rule.attributeKey.trim() && !rule.attributeEquals.trim())
    ctx.addIssue({
      code: 'custom',
      path: ['attributeEquals'],
      message: 'Give the value the attribute must equal',
    });
});

export const settingsFormSchema = z.object({
  whenDisabled: z.enum(['refuse', 'queue']),
  defaultTeamId: z.string(),
  defaultPriority: z.string(),
  defaultQueueId: z.string(),
  transcriptSync: z.boolean(),
  debug: z.boolean(),
  conversationAttributes: z
    .string()
    .refine(
      (text) => list(text).every((key) => ATTRIBUTE.test(key)),
      'Each key ends in Str, Txt, Num, Bool, At or Url, e.g. botIntentStr',
    ),
  routingRules: z.array(ruleFormSchema),
});
export type SettingsForm = z.infer<typeof settingsFormSchema>;
export type RuleForm = z.infer<typeof ruleFormSchema>;

export function toForm(settings: IntegrationSettings): SettingsForm {
  return {
    whenDisabled: settings.whenDisabled,
    defaultTeamId: settings.defaultTeamId ?? '',
    defaultPriority: String(settings.defaultPriority),
    defaultQueueId: settings.defaultQueueId ?? '',
    transcriptSync: settings.transcriptSync,
    debug: settings.debug,
    conversationAttributes: settings.conversationAttributes.join(', '),
    routingRules: settings.routingRules.map((rule) => ({
      id: rule.id,
      name: rule.name ?? '',
      intents: (rule.intents ?? []).join(', '),
      keywords: (rule.keywords ?? []).join(', '),
      reasons: rule.reasons ?? [],
      attributeKey: rule.attribute?.key ?? '',
      attributeEquals: rule.attribute?.equals ?? '',
      teamId: rule.teamId ?? '',
      priority: rule.priority ? String(rule.priority) : '',
      outOfHours: rule.outOfHours ?? '',
      queueId: rule.queueId ?? '',
    })),
  };
}

export function toUpdate(form: SettingsForm): SettingsUpdate {
  return {
    whenDisabled: form.whenDisabled,
    defaultTeamId: form.defaultTeamId || null,
    defaultPriority: Number(form.defaultPriority),
    defaultQueueId: form.defaultQueueId || null,
    transcriptSync: form.transcriptSync,
    debug: form.debug,
    conversationAttributes: list(form.conversationAttributes),
    routingRules: form.routingRules.map((rule) => ({
      id: rule.id,
      ...(rule.name.trim() ? { name: rule.name.trim() } : {}),
      ...(list(rule.intents).length ? { intents: list(rule.intents) } : {}),
      ...(list(rule.keywords).length ? { keywords: list(rule.keywords) } : {}),
      ...(rule.reasons.length ? { reasons: rule.reasons } : {}),
      ...(rule.attributeKey.trim()
        ? { attribute: { key: rule.attributeKey.trim(), equals: rule.attributeEquals.trim() } }
        : {}),
      teamId: rule.teamId || null,
      ...(rule.priority ? { priority: Number(rule.priority) } : {}),
      ...(rule.outOfHours ? { outOfHours: rule.outOfHours } : {}),
      ...(rule.queueId ? { queueId: rule.queueId } : {}),
    })),
  };
}

// Fields with an input to show an error beside; a rule's id has none.
const RULE_FIELDS = new Set(Object.keys(ruleShape.shape).filter((key) => key !== 'id'));
const TOP_FIELDS = new Set(Object.keys(settingsFormSchema.shape));

/**
 * The form field a server error path belongs on, or null when no field shows it (say a
 * duplicate rule id): `routingRules.2.intents.0` -> `routingRules.2.intents`, a whole-rule error
 * `routingRules.2` -> its first condition, `conversationAttributes.1` -> the one text field.
 */
export function formPath(serverPath: string, ruleCount: number): string | null {
  const path = serverPath
    .replace(/^(routingRules\.\d+\.(intents|keywords|reasons))\..*$/, '$1')
    .replace(/^(routingRules\.\d+)\.attribute(\.key)?$/, '$1.attributeKey')
    .replace(/^(routingRules\.\d+)\.attribute\.equals$/, '$1.attributeEquals')
    .replace(/^(routingRules\.\d+)$/, '$1.intents')
    .replace(/^conversationAttributes\.\d+$/, 'conversationAttributes');
  const rule = /^routingRules\.(\d+)\.(\w+)$/.exec(path);
  if (rule) return Number(rule[1]) < ruleCount && RULE_FIELDS.has(rule[2]!) ? path : null;
  return TOP_FIELDS.has(path) && path !== 'routingRules' ? path : null;
}

export function newRule(): RuleForm {
  return {
    id: `rule-${Math.random().toString(36).slice(2, 10)}`,
    name: '',
    intents: '',
    keywords: '',
    reasons: [],
    attributeKey: '',
    attributeEquals: '',
    teamId: '',
    priority: '',
    outOfHours: '',
    queueId: '',
  };
}

import { z } from 'zod';
import { availabilitySettingsSchema, outOfHoursModeSchema } from './availability.js';
import { escalationReasonSchema } from './escalation.js';

const TEAM_ID = /^[0-9a-f]{24}$/;
const teamIdSchema = z.string().regex(TEAM_ID, 'choose a Kustomer team');
/** A rule's team: a Kustomer team id, the default team (null), or explicitly none. */
export const NO_TEAM = 'none';
const ruleTeamSchema = z
  .string()
  .refine((value) => value === NO_TEAM || TEAM_ID.test(value), 'choose a Kustomer team')
  .nullable();
const prioritySchema = z.number().int().min(1).max(5);
/** A Kustomer queue (Queues and Routing): the conversation gets a work item in it. */
const queueIdSchema = z.string().regex(TEAM_ID, 'choose a Kustomer queue');

/**
 * One routing rule: every condition that is given must match (AND); within a list any item may
 * match (OR). Rules are tried in order and the first match wins; no match falls back to the
 * defaults in settings.
 */
export const routingRuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().max(100).optional(),
    intents: z.array(z.string().min(1).max(64)).max(50).optional(),
    keywords: z.array(z.string().min(1).max(100)).max(50).optional(),
    reasons: z.array(escalationReasonSchema).max(5).optional(),
    /** Matches a customer attribute passed by the chat, e.g. { key: 'plan', equals: 'enterprise' }. */
    attribute: z
      .object({ key: z.string().min(1).max(100), equals: z.string().max(1024) })
      .optional(),
    /** null: the default team (as the rule's priority falls back to the default priority). */
    teamId: ruleTeamSchema,
    priority: prioritySchema.optional(),
    /** Absent: the default queue, if any (as the team and priority fall back to theirs). */
    queueId: queueIdSchema.optional(),
    /** Out of hours or with nobody available; absent: the global choice (settings.availability). */
    outOfHours: outOfHoursModeSchema.optional(),
  })
  .refine((r) => r.intents?.length || r.keywords?.length || r.reasons?.length || r.attribute, {
    message: 'a rule needs at least one condition (intent, keyword, reason or attribute)',
  });
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/** A regular expression an admin adds to what is masked; it must compile. */
const maskPatternSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

/** What is masked before chat text reaches Kustomer. */
export const privacySettingsSchema = z
  .object({
    /** Luhn-checked card numbers of 13-19 digits. */
    maskCardNumbers: z.boolean(),
    /** Extra patterns (regular expressions); each match becomes [redacted]. */
    patterns: z.array(maskPatternSchema).max(20),
  })
  .strict();
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
/** Applies when settings were saved before privacy existed too: masking is on by default. */
export const DEFAULT_PRIVACY: PrivacySettings = { maskCardNumbers: true, patterns: [] };

export const integrationSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** What an escalation gets while the integration is switched off. */
    whenDisabled: z.enum(['refuse', 'queue']),
    defaultTeamId: teamIdSchema.nullable(),
    defaultPriority: prioritySchema,
    /** The queue every escalation is routed to unless its rule names another; absent or null: none. */
    defaultQueueId: queueIdSchema.nullable().optional(),
    transcriptSync: z.boolean(),
    debug: z.boolean(),
    routingRules: z.array(routingRuleSchema).max(100),
    /**
     * Custom attribute keys (suffix-typed, e.g. botIntentStr) defined on the Conversation Klass;
     * Kustomer rejects attributes that are not defined, so only these are sent.
     */
    conversationAttributes: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z][A-Za-z0-9]*(Str|Txt|Num|Bool|At|Url)$/,
            'a custom attribute key ending in Str, Txt, Num, Bool, At or Url',
          ),
      )
      .max(100),
    /** Absent means DEFAULT_PRIVACY. */
    privacy: privacySettingsSchema.optional(),
    /** Absent means DEFAULT_AVAILABILITY_SETTINGS (the org's default schedule, email follow-up). */
    availability: availabilitySettingsSchema.optional(),
  })
  .strict();
export type IntegrationSettings = z.infer<typeof integrationSettingsSchema>;

/** PUT /api/integrations/kustomer/settings takes a partial update. */
export const settingsUpdateSchema = integrationSettingsSchema.partial().strict();
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/** Whether any routing names a Kustomer queue (then work items are created, and their roles needed). */
export function usesQueues(settings: Pick<IntegrationSettings, 'routingRules' | 'defaultQueueId'>) {
  return Boolean(settings.defaultQueueId) || settings.routingRules.some((r) => Boolean(r.queueId));
}

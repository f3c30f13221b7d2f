/**
 * GET /api/integrations/kustomer/analytics: hand-off figures for the Integrations page. Days are
 * UTC calendar days; an escalation counts on the day the customer asked for a person.
 */
import { z } from 'zod';

/** The ranges the page offers (days, today included). */
export const ANALYTICS_RANGES = [7, 30, 90] as const;
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number];

const count = z.number().int().min(0);

export const outcomeCountsSchema = z.object({
  delivered: count,
  queued: count,
  dead: count,
  refused: count,
});

/** p50 / p95 in milliseconds over `count` escalations; null when there were none. */
export const latencySchema = z.object({
  count,
  p50Ms: z.number().min(0).nullable(),
  p95Ms: z.number().min(0).nullable(),
});
export type Latency = z.infer<typeof latencySchema>;

export const analyticsDaySchema = outcomeCountsSchema.extend({
  /** YYYY-MM-DD (UTC). */
  date: z.string(),
  escalations: count,
  outOfHours: count,
});
export type AnalyticsDay = z.infer<typeof analyticsDaySchema>;

export const analyticsSchema = z.object({
  range: z.object({
    days: z.number().int().min(1),
    /** First and last day shown (YYYY-MM-DD), both included. */
    from: z.string(),
    to: z.string(),
    timeZone: z.literal('UTC'),
  }),
  totals: outcomeCountsSchema.extend({ escalations: count, outOfHours: count }),
  days: z.array(analyticsDaySchema),
  /** From the customer asking for a person until the chat heard `escalated`. */
  untilEscalated: latencySchema,
  /** From the customer asking for a person until the first agent reply arrived. */
  untilFirstReply: latencySchema,
  byReason: z.array(z.object({ reason: z.string(), count })),
  /** ruleId null: no rule matched and the defaults applied. name null: the rule was deleted. */
  byRule: z.array(z.object({ ruleId: z.string().nullable(), name: z.string().nullable(), count })),
  /** Escalations not routed yet (still waiting for their first delivery). */
  notRouted: count,
  /** Largest error of a percentile, relative to the exact value (0.01 = 1 %). */
  percentileError: z.number(),
});
export type Analytics = z.infer<typeof analyticsSchema>;

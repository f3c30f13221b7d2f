/**
 * POST /api/integrations/kustomer/routing/try: a sample escalation tried against routing rules
 * (the saved ones, or the ones being edited) by the same function that routes real escalations.
 */
import { z } from 'zod';
import { escalationReasonSchema } from './escalation.js';
import { integrationSettingsSchema } from './settings.js';

export const routingTrialRequestSchema = z
  .object({
    /** What the customer wrote; keywords are looked for here. */
    text: z.string().trim().min(1, 'write what the customer said').max(2000),
    intent: z.string().trim().min(1).max(64).optional(),
    reason: escalationReasonSchema,
    attributes: z.record(z.string().min(1).max(100), z.string().max(1024)).optional(),
    /** Rules to try instead of the saved ones (the editor's unsaved state). */
    rules: integrationSettingsSchema
      .pick({
        routingRules: true,
        defaultTeamId: true,
        defaultPriority: true,
        defaultQueueId: true,
      })
      .optional(),
  })
  .strict();
export type RoutingTrialRequest = z.infer<typeof routingTrialRequestSchema>;

export const conditionCheckSchema = z.object({
  condition: z.enum(['intent', 'reason', 'attribute', 'keyword']),
  ok: z.boolean(),
  detail: z.string(),
});

export const routingTrialResponseSchema = z.object({
  ruleId: z.string().nullable(),
  team: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** The Kustomer queue the conversation would get a work item in, if routing names one. */
  queue: z.object({ id: z.string(), name: z.string().nullable() }).nullable().default(null),
  priority: z.number().int().min(1).max(5),
  explanation: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      matched: z.boolean(),
      checks: z.array(conditionCheckSchema),
    }),
  ),
});
export type RoutingTrialResponse = z.infer<typeof routingTrialResponseSchema>;

/** GET /api/integrations/kustomer/queues: Kustomer's queues for the routing editor. */
export const queuesResponseSchema = z.object({
  queues: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Why the list is empty when Kustomer would not give it (the key lacks the queue role). */
  unavailable: z.string().nullable(),
});
export type QueuesResponse = z.infer<typeof queuesResponseSchema>;

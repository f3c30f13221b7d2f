import { z } from 'zod';
import { availabilitySnapshotSchema, followUpSchema } from './availability.js';
import { prioritySchema } from './priority.js';

/** Why the chat handed the conversation to a person. */
export const ESCALATION_REASONS = [
  'user_requested',
  'low_confidence',
  'negative_sentiment',
  'keyword',
  'bot_error',
] as const;
export const escalationReasonSchema = z.enum(ESCALATION_REASONS);
export type EscalationReason = z.infer<typeof escalationReasonSchema>;

/** Idempotency keys, session ids and message ids end up in Kustomer externalIds (max 256 chars). */
const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and _ . : - only');

export const transcriptEntrySchema = z.object({
  id: idSchema,
  role: z.enum(['user', 'bot', 'agent', 'system']),
  text: z.string().min(1).max(100_000),
  at: z.iso.datetime({ offset: true }),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const customerIdentitySchema = z
  .object({
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9]{6,15}$/, 'use E.164, e.g. +15555550123')
      .optional(),
    externalId: z.string().min(1).max(256).optional(),
    name: z.string().min(1).max(256).optional(),
  })
  .refine((c) => c.email ?? c.phone ?? c.externalId, {
    message: 'give at least one of email, phone or externalId',
  });
export type CustomerIdentity = z.infer<typeof customerIdentitySchema>;

/** Custom attribute values the chat may pass; only keys configured in settings reach Kustomer. */
const attributeValue = z.union([z.string().max(1024), z.number(), z.boolean()]);

export const escalationRequestSchema = z
  .object({
    escalationId: idSchema,
    sessionId: idSchema,
    customer: customerIdentitySchema,
    transcript: z.array(transcriptEntrySchema).max(1000),
    reason: escalationReasonSchema,
    intent: z.string().min(1).max(64).optional(),
    summary: z.string().min(1).max(5000).optional(),
    priority: prioritySchema.optional(),
    teamId: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'a Kustomer team id (24 hex characters)')
      .optional(),
    tags: z.array(z.string().min(1).max(64)).max(10).optional(),
    attributes: z.record(z.string().max(100), attributeValue).optional(),
    /** A marked test escalation, sent from the Integrations page. */
    test: z.boolean().optional(),
    /** The customer's choice out of hours, when the admin lets them choose (`ask`). */
    followUp: followUpSchema.optional(),
  })
  .strict();
/** What the chat sends (priority may be a name). */
export type EscalationRequestInput = z.input<typeof escalationRequestSchema>;
/** What the server works with after validation (priority is 1-5). */
export type EscalationRequest = z.output<typeof escalationRequestSchema>;

export const teamRefSchema = z.object({ id: z.string(), name: z.string() });

export const escalatedResultSchema = z.object({
  status: z.literal('escalated'),
  escalationId: z.string(),
  customerId: z.string(),
  conversationId: z.string(),
  team: teamRefSchema.nullable(),
  priority: z.number().int().min(1).max(5),
  conversationUrl: z.string().nullable(),
  /** Open or closed, the wait, and how the customer will be answered (see availability.ts). */
  availability: availabilitySnapshotSchema.optional(),
});
/**
 * Why an escalation was saved instead of delivered at once. The chat words each one for the
 * customer (chat/queued-message.ts, an exhaustive switch): a new reason must be worded there.
 */
export const QUEUED_REASONS = [
  /** Kustomer failed (5xx, network, timeout); the outbox retries. */
  'kustomer_unavailable',
  /** The attempt ran past its deadline, or a transcript job is still running. */
  'kustomer_slow',
  /** Kustomer's rate budget is spent until its reset. */
  'rate_limited',
  /** Kustomer has been failing: the circuit breaker sends escalations straight to the outbox. */
  'breaker_open',
  /** Another attempt (a double click, a drain) is delivering it now. */
  'in_progress',
  /** Retrying cannot fix it (validation, auth, permission): an operator replays it. */
  'needs_attention',
  /** The integration is off and set to queue. */
  'integration_disabled',
  /** A fault of ours; retried. */
  'internal_error',
] as const;
export const queuedReasonSchema = z.enum(QUEUED_REASONS);
export type QueuedReason = z.infer<typeof queuedReasonSchema>;

export const queuedResultSchema = z.object({
  status: z.literal('queued'),
  escalationId: z.string(),
  reason: queuedReasonSchema,
  retryAt: z.iso.datetime(),
  availability: availabilitySnapshotSchema.optional(),
});
export const refusedResultSchema = z.object({
  status: z.literal('refused'),
  escalationId: z.string(),
  reason: z.literal('integration_disabled'),
  message: z.string(),
});
export const escalationResultSchema = z.discriminatedUnion('status', [
  escalatedResultSchema,
  queuedResultSchema,
  refusedResultSchema,
]);
export type EscalationResult = z.infer<typeof escalationResultSchema>;
export type EscalatedResult = z.infer<typeof escalatedResultSchema>;
export type QueuedResult = z.infer<typeof queuedResultSchema>;

/**
 * Where an escalation is. The happy path walks received -> customer_resolved ->
 * conversation_created -> transcript_synced -> done; a failed delivery goes
 * queued -> retrying -> done | dead. A resumed escalation continues from its last finished step.
 */
export const ESCALATION_STATES = [
  'received',
  'customer_resolved',
  'conversation_created',
  'transcript_synced',
  'done',
  'queued',
  'retrying',
  'dead',
  'refused',
] as const;
export const escalationStateSchema = z.enum(ESCALATION_STATES);
export type EscalationState = z.infer<typeof escalationStateSchema>;

export const agentReplySchema = z.object({
  id: z.string(),
  text: z.string(),
  at: z.string(),
  author: z.string().nullable(),
  /** Files the agent sent: the chat links each to GET /api/escalations/:id/attachments/… */
  attachments: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export type AgentReply = z.infer<typeof agentReplySchema>;

/** GET /api/escalations/:id: what the chat polls. */
export const escalationStatusSchema = z.object({
  escalationId: z.string(),
  state: escalationStateSchema,
  result: escalationResultSchema.nullable(),
  team: teamRefSchema.nullable(),
  priority: z.number().int().min(1).max(5).nullable(),
  conversationId: z.string().nullable(),
  conversationUrl: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  replies: z.array(agentReplySchema),
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

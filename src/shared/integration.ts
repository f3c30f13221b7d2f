import { z } from 'zod';
import { escalationStateSchema } from './escalation.js';
import { integrationSettingsSchema } from './settings.js';

/** What the escalation flow calls in Kustomer, and so what a key must allow: no more. */
export const CAPABILITIES = [
  'customer.read',
  'customer.create',
  'conversation.read',
  'conversation.create',
  'message.create',
  'message.read',
  'bulk.read',
  'note.create',
  'note.read',
  'team.read',
] as const;
/**
 * What routing to a Kustomer queue adds (a work item per conversation): asked of a key only when
 * a routing rule or the defaults name a queue.
 */
export const QUEUE_CAPABILITIES = [
  'queue.read',
  'routing.read',
  'routing.create',
  'routing.update',
] as const;
export const capabilitySchema = z.enum([...CAPABILITIES, ...QUEUE_CAPABILITIES]);
export type Capability = z.infer<typeof capabilitySchema>;

export const capabilityCheckSchema = z.object({
  capability: capabilitySchema,
  label: z.string(),
  held: z.boolean(),
  /** The role on the key that grants it, or null. */
  via: z.string().nullable(),
  newRole: z.string(),
  legacyRole: z.string().nullable(),
  /** What stops working without it. */
  breaks: z.string(),
  /** How an admin fixes it. */
  fix: z.string(),
});
export const permissionReportSchema = z.object({
  ok: z.boolean(),
  tokenName: z.string().nullable(),
  capabilities: z.array(capabilityCheckSchema),
  missing: z.array(capabilitySchema),
  /** Roles broader than the module needs (org.admin...), for the least-privilege warning. */
  broadRoles: z.array(z.string()),
});
export type PermissionReport = z.infer<typeof permissionReportSchema>;
export type CapabilityCheck = z.infer<typeof capabilityCheckSchema>;

export const endpointMetricsSchema = z.object({
  endpoint: z.string(),
  count: z.number(),
  errors: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});
export const metricsSnapshotSchema = z.object({
  since: z.string(),
  requests: z.number(),
  errors: z.number(),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  rateLimited: z.number(),
  /** When a Kustomer call last succeeded and last failed (this instance). */
  lastSuccessAt: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  errorsByCode: z.record(z.string(), z.number()),
  rateLimit: z.object({
    limit: z.number().nullable(),
    remaining: z.number().nullable(),
    resetAt: z.string().nullable(),
  }),
  endpoints: z.array(endpointMetricsSchema),
});
export type MetricsSnapshot = z.infer<typeof metricsSnapshotSchema>;

export const breakerStateSchema = z.enum(['closed', 'open', 'half_open']);
export type BreakerState = z.infer<typeof breakerStateSchema>;

/**
 * Whether an SLA policy of the org would take the bot's transcript lines for the first response:
 * `warn` names those policies, `skipped` says why they could not be read (never a pass).
 */
export const slaCheckSchema = z.object({
  status: z.enum(['ok', 'warn', 'skipped']),
  message: z.string(),
  fooled: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SlaCheck = z.infer<typeof slaCheckSchema>;

/** Why a connection check failed: `wrong_region` for a key of another region, with the fix. */
export const connectionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** What to change, when it is known (the variable to set for a key of another region). */
  fix: z.string().nullable().default(null),
  /** Kustomer down or unreachable, rather than refusing the key. */
  outage: z.boolean().default(false),
});
export type ConnectionError = z.infer<typeof connectionErrorSchema>;

export const connectionResultSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  latencyMs: z.number().nullable(),
  error: connectionErrorSchema.nullable(),
  permissions: permissionReportSchema.nullable(),
  /** The SLA check; null when the connection itself failed. */
  sla: slaCheckSchema.nullable().default(null),
});
export type ConnectionResult = z.infer<typeof connectionResultSchema>;

export const outboxItemSchema = z.object({
  escalationId: z.string(),
  state: escalationStateSchema,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  customer: z.string(),
  reason: z.string(),
  test: z.boolean(),
  /**
   * The chat was told `escalated` (the conversation exists) and the transcript or note is not yet
   * on its timeline.
   */
  timelinePending: z.boolean().default(false),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** GET /api/integrations/kustomer */
export const integrationStatusSchema = z.object({
  mode: z.enum(['live', 'sandbox', 'disabled']),
  status: z.enum(['connected', 'sandbox', 'degraded', 'disconnected', 'disabled']),
  org: z.object({
    subdomain: z.string().nullable(),
    region: z.enum(['us', 'eu', 'in']).nullable(),
    baseUrl: z.string(),
  }),
  key: z.object({ configured: z.boolean(), last4: z.string().nullable() }),
  connection: connectionResultSchema.nullable(),
  breaker: breakerStateSchema,
  outbox: z.object({
    queued: z.number(),
    retrying: z.number(),
    dead: z.number(),
    oldestQueuedAt: z.string().nullable(),
    /** Escalated (conversation routed) with the transcript or note still on its way. */
    timelinePending: z.number().default(0),
    items: z.array(outboxItemSchema),
  }),
  metrics: metricsSnapshotSchema,
  /**
   * Escalations in the store by outcome (those kept for the retention period): delivered (done),
   * waiting (queued, retrying or on their way), gave up (dead), refused (integration off).
   */
  deliveries: z.object({
    delivered: z.number(),
    waiting: z.number(),
    gaveUp: z.number(),
    refused: z.number(),
  }),
  settings: integrationSettingsSchema,
  store: z.enum(['file', 'redis', 'memory']),
  /** Days finished escalations are kept (ESCALATION_RETENTION_DAYS); 0 = forever. */
  retentionDays: z.number().int().min(0),
});
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

export const teamSchema = z.object({ id: z.string(), name: z.string() });
export const teamsResponseSchema = z.object({ teams: z.array(teamSchema) });
export type Team = z.infer<typeof teamSchema>;

export const customerLookupResponseSchema = z.object({
  customer: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      emails: z.array(z.string()),
      phones: z.array(z.string()),
      externalId: z.string().nullable(),
      url: z.string().nullable(),
      conversationCounts: z.record(z.string(), z.number()).nullable(),
    })
    .nullable(),
});
export type CustomerLookupResponse = z.infer<typeof customerLookupResponseSchema>;

/** POST .../test-escalation takes an optional email; the rest is generated and marked as a test. */
export const testEscalationRequestSchema = z
  .object({ email: z.email().max(254).optional() })
  .strict();

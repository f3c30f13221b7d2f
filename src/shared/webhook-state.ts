/**
 * The outbound webhook as the Integrations page sees it: GET and POST
 * /api/integrations/kustomer/webhook. Never the signing token: the server keeps it.
 */
import { z } from 'zod';

/** The two events the module acts on: agent replies and conversation changes (closing). */
export const REQUIRED_WEBHOOK_EVENTS = [
  'kustomer.message.create',
  'kustomer.conversation.update',
] as const;

/** The route Kustomer delivers to, under APP_URL. */
export const WEBHOOK_PATH = '/api/webhooks/kustomer';

export const webhookDeliverySchema = z.object({
  /** When the app received it (ISO). */
  at: z.string(),
  /** X-Kustomer-Webhook-Event, or the body's name. */
  event: z.string().nullable(),
  /** Whether its signature matched a secret the app holds. */
  verified: z.boolean(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookStateSchema = z.object({
  /** APP_URL/api/webhooks/kustomer, or null when APP_URL cannot be used (see targetProblem). */
  targetUrl: z.string().nullable(),
  /** Why there is no target: names APP_URL. */
  targetProblem: z.string().nullable(),
  /** Kustomer's answer could not be had: what went wrong (the rest is then unknown). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The webhook pointing at targetUrl, if Kustomer has one. */
  webhook: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      url: z.string().nullable(),
      events: z.array(z.string()),
      enabled: z.boolean(),
      missingEvents: z.array(z.string()),
    })
    .nullable(),
  /** It exists, is enabled and has both events. */
  healthy: z.boolean(),
  /** What verifies deliveries: the provisioned webhook's token, KUSTOMER_WEBHOOK_SECRET, or nothing. */
  secret: z.enum(['provisioned', 'env', 'both', 'none']),
  /** Whether the API key may list, create and replace webhooks; null when unknown. */
  canProvision: z.boolean().nullable(),
  lastDelivery: webhookDeliverySchema.nullable(),
});
export type WebhookState = z.infer<typeof webhookStateSchema>;

export const provisionResultSchema = z.object({
  /** created: there was none; replaced: ours was disabled or lacked an event; verified: it was right. */
  outcome: z.enum(['created', 'replaced', 'verified']),
  state: webhookStateSchema,
});
export type ProvisionResult = z.infer<typeof provisionResultSchema>;

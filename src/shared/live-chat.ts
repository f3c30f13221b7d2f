/**
 * The live conversation after the hand-off: what the chat sends for each message the customer
 * types (POST /api/escalations/:id/messages), what it is told back, and the events it hears on
 * GET /api/escalations/:id/events (Server-Sent Events).
 */
import { z } from 'zod';
import { agentReplySchema } from './escalation.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, base64Bytes } from './attachment-limits.js';

export * from './attachment-limits.js';

/** Kustomer's message preview holds at most 10,240 characters (create-message). */
export const CHAT_MESSAGE_MAX = 10_240;

export const chatAttachmentInputSchema = z
  .object({
    /** The file's name as the customer's device gave it. */
    name: z.string().trim().min(1).max(255),
    contentType: z.enum(ATTACHMENT_TYPES, {
      error: `use one of: ${ATTACHMENT_TYPES.join(', ')}`,
    }),
    /** The file's bytes in base64. */
    data: z
      .base64()
      .min(1)
      .refine((d) => base64Bytes(d) <= ATTACHMENT_MAX_BYTES, {
        error: `the file is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
      }),
  })
  .strict();
export type ChatAttachmentInput = z.infer<typeof chatAttachmentInputSchema>;

export const chatMessageInputSchema = z
  .object({
    /** The chat's own id for the message; a repeat with the same id is answered, not re-sent. */
    id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and _ . : - only'),
    text: z.string().trim().min(1).max(CHAT_MESSAGE_MAX),
    at: z.iso.datetime({ offset: true }),
    attachment: chatAttachmentInputSchema.optional(),
  })
  .strict();
export type ChatMessageInput = z.infer<typeof chatMessageInputSchema>;

/**
 * `delivered`: on the Kustomer conversation. `queued`: stored, and delivered in order as soon as
 * Kustomer takes it (reason says why it waits). `text` is what was stored: card numbers masked.
 */
export const chatMessageResultSchema = z.object({
  status: z.enum(['delivered', 'queued']),
  messageId: z.string(),
  text: z.string(),
  masked: z.boolean(),
  reason: z.string().nullable(),
});
export type ChatMessageResult = z.infer<typeof chatMessageResultSchema>;

/** Where the hand-off is, as the chat shows it. */
export const chatPhaseSchema = z.enum(['pending', 'queued', 'connected', 'failed']);
export type ChatPhase = z.infer<typeof chatPhaseSchema>;

export const chatEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    phase: chatPhaseSchema,
    team: z.string().nullable(),
    conversationId: z.string().nullable(),
  }),
  z.object({ type: z.literal('agent_joined'), author: z.string().nullable(), at: z.string() }),
  z.object({ type: z.literal('reply'), reply: agentReplySchema }),
  z.object({ type: z.literal('delivered'), messageIds: z.array(z.string()) }),
  z.object({ type: z.literal('closed'), at: z.string().nullable() }),
  z.object({ type: z.literal('reopened') }),
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;
export type ChatEventType = ChatEvent['type'];

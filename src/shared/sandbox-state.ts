import { z } from 'zod';

/** What the sandbox inspector shows of GET /api/integrations/kustomer/sandbox. */
export const sandboxStateSchema = z.object({
  customers: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      emails: z.array(z.object({ email: z.string() })),
    }),
  ),
  conversations: z.array(
    z.object({
      id: z.string(),
      customerId: z.string(),
      name: z.string().nullable(),
      status: z.string(),
      priority: z.number().nullable(),
      assignedTeams: z.array(z.string()),
      tags: z.array(z.string()),
      externalId: z.string().nullable(),
    }),
  ),
  messages: z.array(
    z.object({
      id: z.string(),
      conversationId: z.string(),
      direction: z.enum(['in', 'out']),
      preview: z.string().nullable(),
      sentAt: z.string().nullable(),
      /** Set on transcript lines imported from the chat (the bot's and the customer's); an agent's reply has none. */
      importedAt: z.string().nullable().optional(),
    }),
  ),
  notes: z.array(z.object({ id: z.string(), conversationId: z.string(), body: z.string() })),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  faults: z.object({ outageUntil: z.number().nullable().optional() }).loose(),
  /** The inspector's availability switches (absent on an older server). */
  availability: z
    .object({ businessClosed: z.boolean(), agentsOnline: z.boolean(), waitSeconds: z.number() })
    .optional(),
});
export type SandboxStateView = z.infer<typeof sandboxStateSchema>;

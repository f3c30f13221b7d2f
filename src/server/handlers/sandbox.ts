/**
 * The sandbox inspector's endpoints: what landed in the embedded sandbox, simulated outages, and
 * an agent replying or closing. They exist only in sandbox mode (404 in live mode).
 */
import { z } from 'zod';
import { ApiError, json, parseWith, readJson } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';
import { sandboxRoutingRoutes } from './sandbox-routing.js';

const faultsSchema = z
  .object({
    outageUntil: z.number().int().nonnegative().nullable().optional(),
    latencyMs: z.number().int().min(0).max(30_000).optional(),
    errorRates: z.record(z.string().regex(/^[45]\d\d$/), z.number().min(0).max(1)).optional(),
  })
  .strict();
const replySchema = z.object({ text: z.string().min(1).max(10_000) }).strict();
const availabilitySchema = z
  .object({
    businessClosed: z.boolean().optional(),
    agentsOnline: z.boolean().optional(),
    waitSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .strict();

function sandboxOf(ctx: RequestContext) {
  const sandbox = ctx.services.sandbox;
  if (!sandbox)
    throw new ApiError(404, 'not_found', 'the sandbox endpoints exist only in sandbox mode');
  return sandbox;
}

function conversationOf(ctx: RequestContext): string {
  const id = ctx.params.id!;
  if (
    !sandboxOf(ctx)
      .state()
      .conversations.some((c) => c.id === id)
  )
    throw new ApiError(404, 'not_found', 'no such conversation in the sandbox');
  return id;
}

export const sandboxRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/integrations/kustomer/sandbox',
    admin: true,
    handler: async (ctx) => json(200, sandboxOf(ctx).state()),
  },
  {
    method: 'PUT',
    path: '/api/integrations/kustomer/sandbox/faults',
    admin: true,
    async handler(ctx) {
      const sandbox = sandboxOf(ctx);
      sandbox.setFaults(parseWith(faultsSchema, await readJson(ctx.request, 4096)));
      return json(200, sandbox.state().faults);
    },
  },
  {
    method: 'PUT',
    path: '/api/integrations/kustomer/sandbox/availability',
    admin: true,
    async handler(ctx) {
      const sandbox = sandboxOf(ctx);
      const patch = parseWith(availabilitySchema, await readJson(ctx.request, 1024));
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = sandbox.setAvailability(defined);
      // The chat should see the change now, not when the cached answers expire.
      ctx.services.availability.forget();
      return json(200, next);
    },
  },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/sandbox/conversations/:id/agent-reply',
    admin: true,
    async handler(ctx) {
      const id = conversationOf(ctx);
      const { text } = parseWith(replySchema, await readJson(ctx.request, 16_384));
      return json(201, await sandboxOf(ctx).agentReply(id, text));
    },
  },
  {
    method: 'POST',
    path: '/api/integrations/kustomer/sandbox/conversations/:id/close',
    admin: true,
    async handler(ctx) {
      await sandboxOf(ctx).closeConversation(conversationOf(ctx));
      return json(200, { closed: true });
    },
  },
  ...sandboxRoutingRoutes,
];

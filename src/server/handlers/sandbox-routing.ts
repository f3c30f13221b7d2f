/**
 * The sandbox inspector's SLA control: make a sandbox SLA policy one the bot transcript would
 * fool, or not (sandbox mode only, 404 in live mode).
 */
import { z } from 'zod';
import { ApiError, json, parseWith, readJson } from '../http.js';
import type { RouteDef } from '../router.js';

const fooledSchema = z.object({ fooled: z.boolean() }).strict();

export const sandboxRoutingRoutes: RouteDef[] = [
  {
    method: 'PUT',
    path: '/api/integrations/kustomer/sandbox/slas/:id',
    admin: true,
    async handler(ctx) {
      const sandbox = ctx.services.sandbox;
      if (!sandbox)
        throw new ApiError(404, 'not_found', 'the sandbox endpoints exist only in sandbox mode');
      const { fooled } = parseWith(fooledSchema, await readJson(ctx.request, 1024));
      const id = ctx.params.id!;
      if (!sandbox.state().slas.some((s) => s.id === id))
        throw new ApiError(404, 'not_found', 'no such SLA policy in the sandbox');
      sandbox.routing.setSlaFooled(id, fooled);
      return json(200, { id, fooled });
    },
  },
];

/** GET /api/handoff: the chat's question before it asks for an email (see src/shared/handoff.ts). */
import type { Handoff } from '../../shared/handoff.js';
import { json } from '../http.js';
import type { RouteDef } from '../router.js';

export const handoffRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/handoff',
    handler: async (ctx) => {
      const settings = await ctx.services.settings.get();
      const handoff: Handoff = settings.enabled
        ? 'on'
        : settings.whenDisabled === 'queue'
          ? 'email_follow_up'
          : 'off';
      return json(200, { handoff });
    },
  },
];

/**
 * GET /api/availability (public): whether a person can answer now, when we open, the wait Kustomer
 * reports, and what happens out of hours: the chat says it before the hand-off. Cached briefly
 * (the check reuses Kustomer's answers, the browser and CDNs reuse this one). It never names an
 * agent or says how many there are.
 *
 * GET /api/integrations/kustomer/schedules (admin): the org's business schedules, for the choice
 * on the Integrations page.
 */
import {
  DEFAULT_AVAILABILITY_SETTINGS,
  type PublicAvailability,
} from '../../shared/availability.js';
import { json } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';

/** Seconds a browser or CDN may reuse the answer. */
const MAX_AGE_S = 15;

async function availability(ctx: RequestContext): Promise<Response> {
  const settings = await ctx.services.settings.get();
  const global = settings.availability ?? DEFAULT_AVAILABILITY_SETTINGS;
  // Before any rule matched: the default team, and the global out-of-hours choice.
  const target = { teamId: settings.defaultTeamId, queueId: null };
  const answer: PublicAvailability = {
    ...(await ctx.services.availability.check(target, global)),
    outOfHours: global.outOfHours,
  };
  return json(200, answer, { 'cache-control': `public, max-age=${MAX_AGE_S}` });
}

async function schedules(ctx: RequestContext): Promise<Response> {
  const list = await ctx.services.client.availability.schedules();
  return json(200, {
    schedules: list.map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      timeZone: s.timeZone,
      isDefault: s.isDefault,
    })),
  });
}

export const availabilityRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/availability', handler: availability },
  { method: 'GET', path: '/api/integrations/kustomer/schedules', admin: true, handler: schedules },
];

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
import { isKustomerError } from '../../kustomer/errors.js';
import { json } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';

/** Seconds a browser or CDN may reuse the answer. */
const MAX_AGE_S = 15;

async function availability(ctx: RequestContext): Promise<Response> {
  const settings = await ctx.services.settings.get();
  const global = settings.availability ?? DEFAULT_AVAILABILITY_SETTINGS;
  // Before any rule matched: the default team, and the global out-of-hours choice.
  const target = { teamId: settings.defaultTeamId, queueId: settings.defaultQueueId ?? null };
  const answer: PublicAvailability = {
    ...(await ctx.services.availability.check(target, global)),
    outOfHours: global.outOfHours,
  };
  return json(200, answer, { 'cache-control': `public, max-age=${MAX_AGE_S}` });
}

/** The last list Kustomer gave, per set of services: shown while Kustomer cannot answer. */
const lastSchedules = new WeakMap<object, ScheduleChoice[]>();
type ScheduleChoice = { id: string; name: string; timeZone: string | null; isDefault: boolean };

/**
 * The page asks for schedules whenever its settings are shown, outages included: a Kustomer
 * failure answers the last list known (or none) with what went wrong, not an error status.
 */
async function schedules(ctx: RequestContext): Promise<Response> {
  try {
    const list = (await ctx.services.client.availability.schedules()).map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      timeZone: s.timeZone,
      isDefault: s.isDefault,
    }));
    lastSchedules.set(ctx.services, list);
    return json(200, { schedules: list });
  } catch (error) {
    if (!isKustomerError(error)) throw error;
    const known = lastSchedules.get(ctx.services) ?? [];
    return json(200, { schedules: known, error: error.message });
  }
}

export const availabilityRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/availability', handler: availability },
  { method: 'GET', path: '/api/integrations/kustomer/schedules', admin: true, handler: schedules },
];

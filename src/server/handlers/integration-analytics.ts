/** GET /api/integrations/kustomer/analytics?days=7|30|90 (admin): the hand-off figures. */
import { loadAnalytics } from '../../escalation/analytics/report.js';
import { ANALYTICS_RANGES } from '../../shared/analytics.js';
import { ApiError, json } from '../http.js';
import type { RequestContext, RouteDef } from '../router.js';

const DEFAULT_DAYS = 30;

function rangeOf(url: URL): number {
  const raw = url.searchParams.get('days');
  if (raw === null) return DEFAULT_DAYS;
  const days = ANALYTICS_RANGES.find((allowed) => String(allowed) === raw);
  if (days === undefined) {
    const allowed = ANALYTICS_RANGES.join(', ');
    throw new ApiError(400, 'validation_failed', `days must be one of ${allowed}`, {
      days: `use one of ${allowed}`,
    });
  }
  return days;
}

async function analytics(ctx: RequestContext): Promise<Response> {
  const days = rangeOf(ctx.url);
  const { store, settings, clock } = ctx.services;
  return json(200, await loadAnalytics({ store, settings, clock }, days));
}

export const integrationAnalyticsRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/integrations/kustomer/analytics', admin: true, handler: analytics },
];

/** Liveness, readiness and the Vercel Cron entry that drains the outbox. */
import { ApiError, json } from '../http.js';
import type { RouteDef } from '../router.js';
import { bearer, safeEqual } from '../security.js';
import { drainWithinBudget } from './drain-budget.js';

export const opsRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/health', handler: async () => json(200, { status: 'ok' }) },
  {
    method: 'GET',
    path: '/api/ready',
    async handler({ services }) {
      let store = 'ok';
      try {
        await services.store.ping();
      } catch {
        store = 'unreachable';
      }
      // Reported, not required: a store that forgets on restart still serves (see the runbook).
      const durability =
        store === 'ok'
          ? ((await services.store.durability().catch(() => null))?.level ?? 'unknown')
          : 'unknown';
      const breaker = services.escalations.breakerState();
      const ready = store === 'ok';
      return json(ready ? 200 : 503, {
        ready,
        checks: { config: 'ok', store, durability, breaker, mode: services.env.kustomer.mode },
      });
    },
  },
  {
    method: 'GET',
    path: '/api/cron/drain-outbox',
    async handler({ request, services }) {
      const token = bearer(request);
      if (!services.env.cronSecret || !token || !safeEqual(token, services.env.cronSecret)) {
        throw new ApiError(
          401,
          'unauthorized',
          'this endpoint needs Authorization: Bearer <CRON_SECRET>',
        );
      }
      return json(200, await drainWithinBudget(services));
    },
  },
];

/**
 * Business schedules (Core Resources), work sessions and queue metrics (Queues and routing), as
 * Kustomer answers them; the data is availability-data.ts's.
 * https://developer.kustomer.com/api/core-resources/get-default-business-schedule
 * https://developer.kustomer.com/api/queues-and-routing/get-work-sessions
 * https://developer.kustomer.com/api/queues-and-routing/queue-metrics
 */
import {
  holidays,
  queueMetrics,
  SANDBOX_SCHEDULE_ID,
  scheduleResource,
  workSessions,
} from './availability-data.js';
import { page } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import type { Route, RouteContext } from './route-types.js';

const SCHEDULE_READ = ['org.permission.schedule.read', 'org.user.schedule.read'];

/** One schedule, with its holidays in `included` when asked (`include=holidays`). */
function oneSchedule(ctx: RouteContext) {
  const state = ctx.core.availability;
  const withHolidays = ctx.query.get('include') === 'holidays';
  return {
    status: 200,
    body: {
      data: scheduleResource(state),
      ...(withHolidays ? { included: holidays(state, ctx.core.now()) } : {}),
    },
  };
}

export const availabilityRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/schedules',
    roles: SCHEDULE_READ,
    handle: (ctx) => ({
      status: 200,
      body: page([scheduleResource(ctx.core.availability)], ctx.path, ctx.query, 100),
    }),
  },
  {
    method: 'GET',
    path: '/v1/schedules/default',
    roles: SCHEDULE_READ,
    handle: oneSchedule,
  },
  {
    method: 'GET',
    path: '/v1/schedules/{id}',
    roles: SCHEDULE_READ,
    handle(ctx) {
      if (ctx.params[0] !== SANDBOX_SCHEDULE_ID)
        throw new SandboxHttpError(404, 'not_found', 'Not Found');
      return oneSchedule(ctx);
    },
  },
  {
    method: 'GET',
    path: '/v1/routing/work-sessions',
    roles: [
      'org.permission.work_session.read',
      'org.permission.routing.read',
      'org.user.routing.read',
    ],
    handle(ctx) {
      const type = ctx.query.get('statusType');
      const sessions = workSessions(
        ctx.core.availability,
        ctx.core.store.data.teams,
        ctx.core.now(),
      ).filter((s) => !type || s.attributes.statusType === type);
      return { status: 200, body: page(sessions, ctx.path, ctx.query, 100) };
    },
  },
  {
    method: 'GET',
    path: '/v1/chat/queues/metrics/{ids}',
    values: { ids: 'list' },
    roles: ['org.permission.queue.read', 'org.admin', 'org.user'],
    handle: (ctx) => ({
      status: 200,
      body: { data: queueMetrics(ctx.core.availability, ctx.params) },
    }),
  },
];

/**
 * What Kustomer says about who can answer: business schedules with their holidays, agents' work
 * sessions, and queue metrics. Reads only, in the background lane; the caller caches them.
 *
 * - Schedules: GET /v1/schedules, /v1/schedules/default and /v1/schedules/{id}, with
 *   `include=holidays` (https://developer.kustomer.com/api/core-resources/get-default-business-schedule).
 * - Work sessions: GET /v1/routing/work-sessions?active=true&statusType=available
 *   (https://developer.kustomer.com/api/queues-and-routing/get-work-sessions): one per agent signed
 *   in to routing; only `statusType: "available"` receives routed work. The filters are applied
 *   here again, in case an org answers without them.
 * - Queue metrics: GET /v1/chat/queues/metrics/{ids}
 *   (https://developer.kustomer.com/api/queues-and-routing/queue-metrics): `latestWaitTimeSeconds`
 *   per queue, null for a queue without activity that day.
 */
import { z } from 'zod';
import { relatedId, relatedIds, singleSchema, listSchema, resourceSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions } from '../types.js';
import { collectPages } from './paging.js';

const str = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v : null));
const num = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));

const scheduleResource = resourceSchema(
  z.object({
    name: str,
    timezone: str,
    default: z.unknown().optional(),
    hours: z.unknown().optional(),
  }),
);
const holidayResource = resourceSchema(
  z.object({ name: str, startDate: str, endDate: str, enabled: z.unknown().optional() }),
);
const workSessionResource = resourceSchema(
  z.object({
    statusType: str,
    routable: z.unknown().optional(),
    signedOutAt: str,
    capacityRemaining: num,
  }),
);
const queueMetricResource = resourceSchema(z.object({ name: str, latestWaitTimeSeconds: num }));

export interface KustomerSchedule {
  id: string;
  name: string | null;
  timeZone: string | null;
  isDefault: boolean;
  /** Kustomer's `hours` object, read by the business-hours module. */
  hours: unknown;
  holidays: { name: string | null; startDate: string; endDate: string }[];
}

export interface AvailableSession {
  userId: string | null;
  teamIds: string[];
  queueIds: string[];
  capacityRemaining: number | null;
}

export interface QueueWait {
  queueId: string;
  latestWaitSeconds: number | null;
}

type ScheduleBody = {
  data: z.infer<typeof scheduleResource>;
  included?: unknown;
};

function toSchedule(body: ScheduleBody): KustomerSchedule {
  const { data } = body;
  const included = Array.isArray(body.included) ? body.included : [];
  const holidays = included.flatMap((item) => {
    const parsed = holidayResource.safeParse(item);
    if (!parsed.success || (item as { type?: unknown }).type !== 'holiday') return [];
    const a = parsed.data.attributes;
    // Only enabled holidays close the business; one without the flag counts.
    if (a.enabled === false || !a.startDate || !a.endDate) return [];
    return [{ name: a.name, startDate: a.startDate, endDate: a.endDate }];
  });
  return {
    id: data.id,
    name: data.attributes.name,
    timeZone: data.attributes.timezone,
    isDefault: data.attributes.default === true,
    hours: data.attributes.hours,
    holidays,
  };
}

const scheduleBody = singleSchema(scheduleResource).extend({ included: z.unknown().optional() });

export function createAvailabilityReads(transport: Transport) {
  const read = (options: CallOptions) => ({ lane: 'background' as const, ...options });
  return {
    /** The schedule with its holidays: the org's default when `id` is null; null if none. */
    async schedule(id: string | null, options: CallOptions = {}): Promise<KustomerSchedule | null> {
      const body = await transport.find({
        ...read(options),
        method: 'GET',
        ...(id
          ? { route: '/v1/schedules/{id}', params: { id } }
          : { route: '/v1/schedules/default' }),
        query: { include: 'holidays' },
        schema: scheduleBody,
        roles: ['org.permission.schedule.read'],
      });
      return body ? toSchedule(body) : null;
    },
    /** Every schedule, for the Integrations page's choice (without holidays). */
    async schedules(options: CallOptions = {}): Promise<KustomerSchedule[]> {
      const items = await collectPages(transport, {
        ...read(options),
        method: 'GET',
        route: '/v1/schedules',
        query: { pageSize: 100 },
        schema: listSchema(scheduleResource),
        roles: ['org.permission.schedule.read'],
      });
      return items.map((data) => toSchedule({ data }));
    },
    /** Agents signed in to routing with an `available` status. */
    async availableSessions(options: CallOptions = {}): Promise<AvailableSession[]> {
      const items = await collectPages(transport, {
        ...read(options),
        method: 'GET',
        route: '/v1/routing/work-sessions',
        query: { active: true, statusType: 'available', pageSize: 100 },
        schema: listSchema(workSessionResource),
        roles: ['org.permission.work_session.read', 'org.permission.routing.read'],
      });
      return items
        .filter((s) => s.attributes.statusType === 'available' && !s.attributes.signedOutAt)
        .filter((s) => s.attributes.routable !== false)
        .map((s) => ({
          userId: relatedId(s, 'user'),
          // A session names its team (`team`); read a list (`teams`) too.
          teamIds: [...relatedIds(s, 'team'), ...relatedIds(s, 'teams')],
          queueIds: relatedIds(s, 'queues'),
          capacityRemaining: s.attributes.capacityRemaining,
        }));
    },
    /** The latest wait of each queue asked for (at most 25 ids a call). */
    async queueWaits(queueIds: readonly string[], options: CallOptions = {}): Promise<QueueWait[]> {
      if (queueIds.length === 0) return [];
      const body = await transport.call({
        ...read(options),
        method: 'GET',
        route: '/v1/chat/queues/metrics/{ids}',
        params: { ids: queueIds.slice(0, 25) },
        schema: listSchema(queueMetricResource),
        roles: ['org.permission.queue.read'],
      });
      return body.data.map((q) => ({
        queueId: relatedId(q, 'queue') ?? q.id,
        latestWaitSeconds: q.attributes.latestWaitTimeSeconds,
      }));
    },
  };
}

export type AvailabilityReads = ReturnType<typeof createAvailabilityReads>;

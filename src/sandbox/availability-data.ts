/**
 * The sandbox org's business schedule, holidays, agents' work sessions and queue metrics, in
 * Kustomer's shapes: the schedule and holiday are Kustomer's own OpenAPI examples
 * (kustomer-examples.ts) with the sandbox's hours and dates laid over them; work sessions and queue
 * metrics follow the payloads recorded from real orgs (test/fixtures/kustomer/recorded/, see
 * SOURCES.md), as Kustomer's Core Resources spec does not cover routing.
 *
 * Two switches, from the inspector: `businessClosed` (the example's hours, Monday to Friday
 * 8:00-17:00 New York, and a holiday over the whole of today) and `agentsOnline` (one available
 * agent per team, or none). By default the business is open around the clock with agents online,
 * so a hand-off reaches a person whatever the hour.
 */
import { TZDate } from '@date-fns/tz';
import { ORG_ID } from './envelope.js';
import { KUSTOMER_EXAMPLES } from './kustomer-examples.js';
import type { SandboxTeam } from './types.js';

export interface SandboxAvailability {
  businessClosed: boolean;
  agentsOnline: boolean;
  /** The latest wait the queue metrics report while agents are online. */
  waitSeconds: number;
}

export const DEFAULT_SANDBOX_AVAILABILITY: SandboxAvailability = {
  businessClosed: false,
  agentsOnline: true,
  waitSeconds: 240,
};

/** The sandbox's one queue, which every sandbox agent serves. */
export const SANDBOX_QUEUE_ID = '5c0000000000000000000001';
const SCHEDULE = KUSTOMER_EXAMPLES.schedule;
export const SANDBOX_SCHEDULE_ID = SCHEDULE.id;

const rel = (type: string, id: string, self: string) => ({ data: { type, id }, links: { self } });
const ALL_DAY = [[0, 1440]];

/** The whole of today in the schedule's zone, as Kustomer writes a holiday (end at :59.000). */
function todayHoliday(now: number) {
  const zone = SCHEDULE.attributes.timezone;
  const today = new TZDate(now, zone);
  const start = new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), zone);
  const next = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + 1, zone);
  return {
    ...KUSTOMER_EXAMPLES.holiday,
    attributes: {
      ...KUSTOMER_EXAMPLES.holiday.attributes,
      name: 'Closed (sandbox)',
      description: 'Closed from the sandbox inspector',
      startDate: new Date(start.getTime()).toISOString(),
      endDate: new Date(next.getTime() - 1000).toISOString(),
    },
  };
}

export function scheduleResource(state: SandboxAvailability) {
  const hours = state.businessClosed
    ? SCHEDULE.attributes.hours
    : Object.fromEntries(Array.from({ length: 7 }, (_, day) => [String(day), ALL_DAY]));
  return { ...SCHEDULE, attributes: { ...SCHEDULE.attributes, hours, default: true } };
}

/** `included` of a schedule read with `include=holidays`. */
export function holidays(state: SandboxAvailability, now: number) {
  return state.businessClosed ? [todayHoliday(now)] : [];
}

/** One available agent per team while agents are online; none otherwise. */
export function workSessions(state: SandboxAvailability, teams: SandboxTeam[], now: number) {
  if (!state.agentsOnline) return [];
  const signedInAt = new Date(now - 3_600_000).toISOString();
  return teams.map((team, index) => {
    const id = `5d${team.id.slice(2)}`;
    const userId = `5e${(index + 1).toString(16).padStart(22, '0')}`;
    return {
      id,
      type: 'work_session',
      attributes: {
        routable: true,
        statusType: 'available',
        workItemCount: 0,
        pausedWorkItemCount: 0,
        signedInAt,
        capacity: [],
        capacityRemaining: 3,
        totalCapacity: 3,
        handledItemCount: 0,
        handledConversationCount: 0,
        capacityStatus: 'idle',
        createdAt: signedInAt,
        updatedAt: signedInAt,
        modifiedAt: signedInAt,
        rev: 1,
      },
      relationships: {
        org: rel('org', ORG_ID, `/v1/orgs/${ORG_ID}`),
        user: rel('user', userId, `/v1/users/${userId}`),
        team: rel('team', team.id, `/v1/teams/${team.id}`),
        queues: { data: [{ type: 'queue', id: SANDBOX_QUEUE_ID }] },
      },
      links: { self: `/v1/routing/work-sessions/${id}` },
    };
  });
}

/** `GET /v1/chat/queues/metrics/{ids}`: a wait while agents are online, null (no activity) else. */
export function queueMetrics(state: SandboxAvailability, queueIds: string[]) {
  return queueIds.map((id) => ({
    type: 'session_queue',
    id,
    attributes: {
      name: id === SANDBOX_QUEUE_ID ? 'Chat Queue' : 'Queue',
      latestWaitTimeSeconds: state.agentsOnline ? state.waitSeconds : null,
    },
    relationships: {
      org: rel('org', ORG_ID, `/v1/orgs/${ORG_ID}`),
      queue: rel('queue', id, `/v1/routing/queues/${id}`),
    },
  }));
}

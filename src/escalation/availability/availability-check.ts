/**
 * Whether a person can answer now, from what Kustomer says: the chosen business schedule with its
 * holidays (business-hours.ts), the agents available for the team or queue (their work sessions),
 * and the latest wait of the queues they serve. Kustomer's answers are cached briefly
 * (kustomer-cache.ts), so a burst of escalations asks once.
 *
 * Never in the way of a hand-off: each check has a budget (`budgetMs`), and a Kustomer that fails
 * or is slow gives `unknown` (open, nothing promised), said honestly, never an error.
 */
import { silentLogger, type Logger } from '../../platform/logger.js';
import type { KustomerClient } from '../../kustomer/types.js';
import type { AvailableSession } from '../../kustomer/resources/availability-reads.js';
import {
  UNKNOWN_AVAILABILITY,
  type Availability,
  type AvailabilitySettings,
} from '../../shared/availability.js';
import { openState, readHoliday, readHours, type BusinessSchedule } from './business-hours.js';
import { createKustomerAnswers } from './kustomer-cache.js';

export interface AvailabilityTarget {
  teamId: string | null;
  queueId: string | null;
}

export interface AvailabilityCheckOptions {
  client: Pick<KustomerClient, 'availability'>;
  /** @default Date.now */
  clock?: () => number;
  logger?: Logger;
  /** Longest a check waits for Kustomer before answering `unknown`. @default 1500 */
  budgetMs?: number;
  /** How long Kustomer's answers are reused. @default { scheduleMs: 60000, agentsMs: 15000 } */
  cacheTtl?: { scheduleMs?: number; agentsMs?: number };
}

export interface AvailabilityCheck {
  check(target: AvailabilityTarget, settings: AvailabilitySettings): Promise<Availability>;
  /** Drops Kustomer's cached answers (the sandbox inspector changed them). */
  forget(): void;
}

function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A session counts for the target when it serves its team and queue (or does not say). */
function serves(session: AvailableSession, target: AvailabilityTarget): boolean {
  const team =
    !target.teamId || session.teamIds.length === 0 || session.teamIds.includes(target.teamId);
  const queue =
    !target.queueId || session.queueIds.length === 0 || session.queueIds.includes(target.queueId);
  return team && queue;
}

export function createAvailabilityCheck(options: AvailabilityCheckOptions): AvailabilityCheck {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const budgetMs = options.budgetMs ?? 1500;
  const answers = createKustomerAnswers(options.client, clock, options.cacheTtl);

  /** The schedule as time, null when the org has none (then hours never close it). */
  async function businessSchedule(id: string | null): Promise<BusinessSchedule | null> {
    const schedule = await answers.schedule(id);
    if (!schedule) return null;
    const timeZone = schedule.timeZone ?? '';
    if (!isKnownZone(timeZone))
      throw new Error(`schedule ${schedule.id} has time zone "${timeZone}"`);
    return {
      timeZone,
      days: readHours(schedule.hours),
      holidays: schedule.holidays.flatMap(
        (h) => readHoliday(h.startDate, h.endDate, timeZone) ?? [],
      ),
    };
  }

  /** The wait Kustomer reports for these queues: the longest latest wait, in whole minutes. */
  async function expectedWait(queueIds: string[]): Promise<number | null> {
    const waits = await answers.queueWaits(queueIds).catch(() => []);
    const seconds = waits.flatMap((w) =>
      w.latestWaitSeconds === null ? [] : [w.latestWaitSeconds],
    );
    return seconds.length ? Math.ceil(Math.max(...seconds) / 60) : null;
  }

  async function agents(
    target: AvailabilityTarget,
    timeZone: string | null,
    available: Promise<AvailableSession[]>,
  ): Promise<Availability> {
    const base = { open: true, nextOpenAt: null, timeZone } as const;
    let sessions: AvailableSession[];
    try {
      sessions = (await available).filter((s) => serves(s, target));
    } catch {
      // Routing not readable (no Queues & Routing, or no role): nothing said about agents.
      return { ...base, reason: 'open', expectedWaitMinutes: null };
    }
    if (sessions.length === 0) return { ...base, reason: 'no_agents', expectedWaitMinutes: null };
    const queueIds = target.queueId
      ? [target.queueId]
      : [...new Set(sessions.flatMap((s) => s.queueIds))];
    return { ...base, reason: 'open', expectedWaitMinutes: await expectedWait(queueIds) };
  }

  async function compute(target: AvailabilityTarget, settings: AvailabilitySettings) {
    // Agents are asked beside the schedule, not after it: one round trip less when nothing is cached.
    const available = answers.availableSessions();
    available.catch(() => undefined);
    const schedule = await businessSchedule(settings.scheduleId);
    if (schedule) {
      const state = openState(schedule, clock());
      if (!state.open)
        return {
          open: false,
          reason: state.reason,
          nextOpenAt: state.nextOpenAt === null ? null : new Date(state.nextOpenAt).toISOString(),
          expectedWaitMinutes: null,
          timeZone: schedule.timeZone,
        } satisfies Availability;
    }
    return agents(target, schedule?.timeZone ?? null, available);
  }

  return {
    forget: answers.forget,
    async check(target, settings) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<Availability>((resolve) => {
        timer = setTimeout(() => resolve(UNKNOWN_AVAILABILITY), budgetMs);
        timer.unref?.();
      });
      try {
        return await Promise.race([compute(target, settings), deadline]);
      } catch (error) {
        logger.warn('availability unknown: Kustomer could not say', {
          error: error instanceof Error ? error.message : String(error),
        });
        return UNKNOWN_AVAILABILITY;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

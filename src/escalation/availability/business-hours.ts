/**
 * Kustomer business schedules as time: open or closed at an instant, and the next opening.
 * Pure functions; the clock is the caller's.
 *
 * A schedule (https://developer.kustomer.com/api/core-resources/get-default-business-schedule)
 * gives `hours` per weekday (`0` Sunday … `6` Saturday) as `[start, end]` minutes of the day in its
 * IANA `timezone` (`[480, 1020]` is 8:00-17:00), a day being null or absent when closed. Hours are
 * wall-clock time: 9:00 stays 9:00 across a DST change, so the instant is computed in the zone
 * with @date-fns/tz, which knows each zone's offsets (a start in the spring-forward gap, 02:30
 * that day where 02:00 jumps to 03:00, opens when the gap ends, at 03:00: the first wall-clock
 * minute that exists and falls in the range). Kustomer's pages do not say whether a
 * range may cross midnight; both forms are read: `[1320, 1440]` then `[0, 120]` the next day, and
 * one range whose end is below its start (`[1320, 120]`: 22:00 to 02:00 the next day).
 *
 * Holidays are closed periods between two instants, the end included to the second as Kustomer's
 * example writes it (`2020-03-12T04:00:00.000Z` to `2020-03-14T03:59:59.000Z`: two whole days in
 * New York). A date without a time (`2026-12-25`) is read as that whole day in the schedule's zone.
 */
import { TZDate } from '@date-fns/tz';

export type DayHours = readonly (readonly [number, number])[];

export interface BusinessSchedule {
  timeZone: string;
  /** Index 0 (Sunday) to 6 (Saturday). */
  days: readonly DayHours[];
  holidays: readonly Holiday[];
}

export interface Holiday {
  /** Closed from `start` to `end` inclusive, through end's whole second (ms since epoch). */
  start: number;
  end: number;
}

export type OpenState =
  { open: true } | { open: false; reason: 'closed' | 'holiday'; nextOpenAt: number | null };

const DAY_MINUTES = 1440;
/** How far ahead to look for an opening: a year covers any holiday season. */
const HORIZON_DAYS = 370;

/** Kustomer writes a holiday's end to the second, so it stays closed through that whole second. */
const HOLIDAY_END_SECOND = 1000;
const inHoliday = (schedule: BusinessSchedule, at: number) =>
  schedule.holidays.some((h) => at >= h.start && at < h.end + HOLIDAY_END_SECOND);

/** Minute of the day and weekday of an instant, on the schedule's wall clock. */
function wallClock(timeZone: string, at: number) {
  const local = new TZDate(at, timeZone);
  return { day: local.getDay(), minute: local.getHours() * 60 + local.getMinutes() };
}

/** Whether the weekly hours (holidays aside) cover this wall-clock minute. */
function hoursCover(days: readonly DayHours[], day: number, minute: number): boolean {
  const previous = (day + 6) % 7;
  const today = (days[day] ?? []).some(([start, end]) =>
    end > start ? minute >= start && minute < end : minute >= start,
  );
  // A range of yesterday whose end is below its start runs on into today.
  const carried = (days[previous] ?? []).some(([start, end]) => end < start && minute < end);
  return today || carried;
}

export function isOpenAt(schedule: BusinessSchedule, at: number): boolean {
  if (inHoliday(schedule, at)) return false;
  const { day, minute } = wallClock(schedule.timeZone, at);
  return hoursCover(schedule.days, day, minute);
}

/** The instant a wall-clock minute of a day (`offsetDays` after the given one) starts. */
function instantOf(timeZone: string, base: TZDate, offsetDays: number, minute: number): number {
  return new TZDate(
    base.getFullYear(),
    base.getMonth(),
    base.getDate() + offsetDays,
    0,
    minute,
    0,
    0,
    timeZone,
  ).getTime();
}

/** Longer than any DST gap (an hour; 30 minutes on Lord Howe Island). */
const MAX_GAP_MINUTES = 180;

/**
 * The instant a range starting at `minute` opens: that minute's, or, when the minute does not
 * exist that day (the spring-forward gap), the gap's end, the first later minute that exists.
 * TZDate moves a missing minute forward by the gap's length (02:06 to 03:06), which could be past
 * a short range's end, or leave 03:00-03:06 open and unannounced.
 */
function rangeOpensAt(timeZone: string, base: TZDate, offsetDays: number, minute: number): number {
  const exists = (m: number) => {
    const instant = instantOf(timeZone, base, offsetDays, m);
    return wallClock(timeZone, instant).minute === m % DAY_MINUTES ? instant : null;
  };
  for (let m = minute; m < minute + MAX_GAP_MINUTES; m += 1) {
    const instant = exists(m);
    if (instant !== null) return instant;
  }
  return instantOf(timeZone, base, offsetDays, minute);
}

/**
 * The first instant after `at` when the schedule is open: a range's start, or the end of a
 * holiday that falls inside a range. Null when nothing opens within a year (a schedule without
 * hours, or a holiday longer than that).
 */
export function nextOpening(schedule: BusinessSchedule, at: number): number | null {
  const base = new TZDate(at, schedule.timeZone);
  const reopenings = schedule.holidays.map((h) => h.end + HOLIDAY_END_SECOND).filter((t) => t > at);
  for (let offset = 0; offset < HORIZON_DAYS; offset += 1) {
    const dayStart = instantOf(schedule.timeZone, base, offset, 0);
    const nextDay = instantOf(schedule.timeZone, base, offset + 1, 0);
    const weekday = new TZDate(dayStart, schedule.timeZone).getDay();
    const starts = (schedule.days[weekday] ?? []).map(([start]) =>
      rangeOpensAt(schedule.timeZone, base, offset, start),
    );
    const candidates = [...starts, ...reopenings.filter((t) => t >= dayStart && t < nextDay)]
      .filter((t) => t > at)
      .sort((a, b) => a - b);
    const found = candidates.find((t) => isOpenAt(schedule, t));
    if (found !== undefined) return found;
  }
  return null;
}

export function openState(schedule: BusinessSchedule, at: number): OpenState {
  if (isOpenAt(schedule, at)) return { open: true };
  return {
    open: false,
    reason: inHoliday(schedule, at) ? 'holiday' : 'closed',
    nextOpenAt: nextOpening(schedule, at),
  };
}

/** Kustomer's `hours` object as weekday ranges: null, absent or malformed entries are closed. */
export function readHours(hours: unknown): DayHours[] {
  const source =
    typeof hours === 'object' && hours !== null ? (hours as Record<string, unknown>) : {};
  return Array.from({ length: 7 }, (_, day) => {
    const ranges = source[String(day)];
    if (!Array.isArray(ranges)) return [];
    return ranges.flatMap((range): [number, number][] => {
      if (!Array.isArray(range) || range.length !== 2) return [];
      const [start, end] = range as unknown[];
      const valid = (n: unknown): n is number =>
        typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= DAY_MINUTES;
      return valid(start) && valid(end) && start !== end ? [[start, end]] : [];
    });
  });
}

/** A holiday's bounds: instants as given, a bare date as that whole day in the zone. */
export function readHoliday(startDate: string, endDate: string, timeZone: string): Holiday | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
  const bound = (value: string, endOfDay: boolean): number => {
    if (!dateOnly.test(value)) return Date.parse(value);
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const start = new TZDate(y, m - 1, d + (endOfDay ? 1 : 0), 0, 0, 0, 0, timeZone).getTime();
    return endOfDay ? start - 1000 : start;
  };
  const start = bound(startDate, false);
  const end = bound(endDate, true);
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? { start, end } : null;
}

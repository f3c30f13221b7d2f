/**
 * Business schedules as time: wall-clock hours in the schedule's zone across DST changes, ranges
 * that cross midnight (both forms Kustomer might send), holidays on a weekday (Kustomer's own
 * example), date-only holidays, and the next opening as a property over random schedules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOpenAt,
  nextOpening,
  openState,
  readHoliday,
  readHours,
  type BusinessSchedule,
} from '../../../src/escalation/availability/business-hours.js';
import defaultSchedule from '../../fixtures/kustomer/openapi/get-schedules-default-200.json' with { type: 'json' };

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Kustomer's example: Biz Hours, Monday to Friday 8:00-17:00 New York, and its holiday. */
function kustomerExample(): BusinessSchedule {
  const zone = defaultSchedule.data.attributes.timezone;
  return {
    timeZone: zone,
    days: readHours(defaultSchedule.data.attributes.hours),
    holidays: defaultSchedule.included.map((h) =>
      readHoliday(h.attributes.startDate, h.attributes.endDate, zone)!,
    ),
  };
}

describe("Kustomer's example schedule", () => {
  const schedule = kustomerExample();

  it('is open on a weekday within 8:00-17:00 New York time and closed outside', () => {
    // Tuesday 2020-03-10: 12:59 UTC is 8:59 EDT; 21:30 UTC is 17:30 EDT.
    expect(isOpenAt(schedule, at('2020-03-10T12:59:00Z'))).toBe(true);
    expect(isOpenAt(schedule, at('2020-03-10T21:30:00Z'))).toBe(false);
    expect(isOpenAt(schedule, at('2020-03-14T15:00:00Z'))).toBe(false); // Saturday
  });

  it('is closed on the holiday, a Thursday and Friday, and opens again on Monday at 8:00', () => {
    // The example holiday: 2020-03-12T04:00Z to 2020-03-14T03:59:59Z, Thursday and Friday in New York.
    const thursdayNoon = at('2020-03-12T16:00:00Z');
    expect(openState(schedule, thursdayNoon)).toEqual({
      open: false,
      reason: 'holiday',
      nextOpenAt: at('2020-03-16T12:00:00Z'), // Monday 8:00 EDT
    });
    expect(isOpenAt(schedule, at('2020-03-11T20:59:00Z'))).toBe(true); // Wednesday 16:59
  });

  it('opens on Monday at 8:00 after a weekend, in the zone of the schedule', () => {
    expect(iso(nextOpening(schedule, at('2020-03-07T15:00:00Z')))).toBe('2020-03-09T12:00:00.000Z');
  });
});

describe('DST changes', () => {
  const newYork = (hours: Record<string, unknown>): BusinessSchedule => ({
    timeZone: 'America/New_York',
    days: readHours(hours),
    holidays: [],
  });

  it('keeps 9:00 at 9:00 on the wall clock on both sides of the spring change', () => {
    const schedule = newYork({ 0: [[540, 600]], 1: [[540, 600]] });
    // Sunday 2026-03-08 is the change: 9:00 EDT is 13:00 UTC; the Saturday before, 9:00 EST is 14:00 UTC.
    expect(iso(nextOpening(schedule, at('2026-03-08T05:00:00Z')))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(nextOpening(schedule, at('2026-03-01T05:00:00Z')))).toBe('2026-03-01T14:00:00.000Z');
  });

  it('opens when the spring-forward gap ends for a start that falls in it', () => {
    const schedule = newYork({ 0: [[150, 300]] }); // 02:30-05:00, and 02:30 does not exist that day
    const opening = nextOpening(schedule, at('2026-03-08T05:00:00Z'))!;
    // 02:00 EST jumps to 03:00 EDT, already inside 02:30-05:00: open from then, not from 03:30.
    expect(iso(opening)).toBe('2026-03-08T07:00:00.000Z');
    expect(isOpenAt(schedule, opening)).toBe(true);
    expect(isOpenAt(schedule, opening - 1)).toBe(false);
  });

  it('announces a short range that starts in the gap and ends just after it (found by the property)', () => {
    // Sydney, Sunday 2026-10-04: 02:00 AEST jumps to 03:00 AEDT; open 02:06-03:06 leaves 03:00-03:06.
    const schedule = {
      timeZone: 'Australia/Sydney',
      days: readHours({ 0: [[126, 186]] }),
      holidays: [],
    };
    const opening = nextOpening(schedule, at('2026-10-02T06:00:00Z'))!;
    expect(iso(opening)).toBe('2026-10-03T16:00:00.000Z'); // 03:00 AEDT, not next week
    expect(isOpenAt(schedule, opening)).toBe(true);
  });

  it('is open through both passes of the repeated hour in the autumn', () => {
    const schedule = newYork({ 0: [[60, 120]] }); // 01:00-02:00 on Sunday 2026-11-01
    expect(isOpenAt(schedule, at('2026-11-01T05:30:00Z'))).toBe(true); // 01:30 EDT
    expect(isOpenAt(schedule, at('2026-11-01T06:30:00Z'))).toBe(true); // 01:30 EST
    expect(isOpenAt(schedule, at('2026-11-01T07:30:00Z'))).toBe(false); // 02:30 EST
  });
});

describe('ranges crossing midnight', () => {
  it('reads a range whose end is below its start as running into the next day', () => {
    const schedule = {
      timeZone: 'Europe/Paris',
      days: readHours({ 5: [[1320, 120]] }), // Friday 22:00 to Saturday 02:00
      holidays: [],
    };
    expect(isOpenAt(schedule, at('2026-12-04T21:30:00Z'))).toBe(true); // Friday 22:30
    expect(isOpenAt(schedule, at('2026-12-05T00:30:00Z'))).toBe(true); // Saturday 01:30
    expect(isOpenAt(schedule, at('2026-12-05T01:30:00Z'))).toBe(false); // Saturday 02:30
    expect(iso(nextOpening(schedule, at('2026-12-05T01:30:00Z')))).toBe('2026-12-11T21:00:00.000Z');
  });

  it('reads a range ending at 1440 and one starting at 0 the next day as one stretch', () => {
    const schedule = {
      timeZone: 'Asia/Tokyo',
      days: readHours({ 1: [[1200, 1440]], 2: [[0, 180]] }),
      holidays: [],
    };
    // Monday 23:59 and Tuesday 00:00 and 02:59 Tokyo are open; 03:00 is not.
    expect(isOpenAt(schedule, at('2026-12-07T14:59:00Z'))).toBe(true);
    expect(isOpenAt(schedule, at('2026-12-07T15:00:00Z'))).toBe(true);
    expect(isOpenAt(schedule, at('2026-12-07T17:59:00Z'))).toBe(true);
    expect(isOpenAt(schedule, at('2026-12-07T18:00:00Z'))).toBe(false);
  });
});

describe('holidays', () => {
  it('reads a date without a time as that whole day in the zone', () => {
    const holiday = readHoliday('2026-12-25', '2026-12-25', 'Europe/London')!;
    expect(iso(holiday.start)).toBe('2026-12-25T00:00:00.000Z');
    expect(iso(holiday.end)).toBe('2026-12-25T23:59:59.000Z');
  });

  it('closes a weekday in the middle of the day and reopens when it ends, within the hours', () => {
    const schedule: BusinessSchedule = {
      timeZone: 'Europe/London',
      days: readHours({ 3: [[540, 1020]] }), // Wednesday 9:00-17:00
      holidays: [readHoliday('2026-12-09T10:00:00.000Z', '2026-12-09T11:59:59.000Z', 'UTC')!],
    };
    expect(openState(schedule, at('2026-12-09T11:00:00Z'))).toEqual({
      open: false,
      reason: 'holiday',
      nextOpenAt: at('2026-12-09T12:00:00Z'),
    });
  });

  it('stays closed through the whole last second of a holiday, wherever that second falls', () => {
    // Found by the property below: a holiday ending on :00 left its last second open.
    const schedule: BusinessSchedule = {
      timeZone: 'Australia/Sydney',
      days: readHours({ 0: [[596, 721]] }), // Sunday 9:56-12:01
      holidays: [{ start: at('2026-03-01T00:00:00Z'), end: at('2026-03-01T01:00:00Z') }],
    };
    expect(isOpenAt(schedule, at('2026-03-01T01:00:00.500Z'))).toBe(false);
    expect(isOpenAt(schedule, at('2026-03-01T01:00:01Z'))).toBe(true);
    expect(iso(nextOpening(schedule, at('2026-03-01T00:00:00.001Z')))).toBe(
      '2026-03-01T01:00:01.000Z',
    );
  });

  it('ignores malformed hours instead of failing', () => {
    expect(readHours({ 1: [[480]], 2: 'closed', 3: [[480, 2000]], 4: [[600, 660]] })).toEqual([
      [],
      [],
      [],
      [],
      [[600, 660]],
      [],
      [],
    ]);
  });
});

describe('the next opening (property)', () => {
  const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
  const range = fc
    .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
    .map(([start, length]) => [start, Math.min(1440, start + length)] as const);
  const schedules = fc.record({
    timeZone: fc.constantFrom(...zones),
    days: fc.array(fc.array(range, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
    holidays: fc.array(
      fc
        .tuple(
          fc.integer({ min: 0, max: 20 * 86_400_000 }),
          fc.integer({ min: 3_600_000, max: 3 * 86_400_000 }),
        )
        .map(([offset, length]) => ({
          start: at('2026-03-01T00:00:00Z') + offset,
          end: at('2026-03-01T00:00:00Z') + offset + length,
        })),
      { maxLength: 2 },
    ),
  });
  // March and November cover both DST changes of the northern and southern zones.
  const instants = fc.integer({ min: at('2026-03-01T00:00:00Z'), max: at('2026-11-30T00:00:00Z') });

  it('is later than now, open, and nothing before it (on a 15-minute grid) is open', () => {
    fc.assert(
      fc.property(schedules, instants, (schedule, now) => {
        if (isOpenAt(schedule, now)) return;
        const next = nextOpening(schedule, now);
        if (schedule.days.every((d) => d.length === 0)) {
          // Not `return expect(...)`: fast-check reads a returned false as a failed property.
          expect(next).toBeNull();
          return;
        }
        expect(next).not.toBeNull();
        expect(next!).toBeGreaterThan(now);
        expect(isOpenAt(schedule, next!)).toBe(true);
        for (let t = now; t < next! && t < now + 8 * 86_400_000; t += 15 * 60_000)
          expect(isOpenAt(schedule, t)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

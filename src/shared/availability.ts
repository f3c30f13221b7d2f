/**
 * Whether a person can answer now: the business schedule (hours and holidays) chosen on the
 * Integrations page and the agents available for the routed team or queue, as Kustomer reports
 * them. `GET /api/availability` answers it (public); the escalation answer carries the same object
 * as `availability`, with how the hand-off goes (`followUp`); the record keeps it.
 *
 * `open` is about the business schedule: false only when the schedule (or a holiday) says closed.
 * `reason` says more: `no_agents` (open, but no agent of the team or queue is available),
 * `unknown` (Kustomer could not be asked: nothing is promised, the hand-off goes on as usual).
 */
import { z } from 'zod';

export const AVAILABILITY_REASONS = ['open', 'closed', 'holiday', 'no_agents', 'unknown'] as const;
export type AvailabilityReason = (typeof AVAILABILITY_REASONS)[number];

/**
 * What the admin chooses for a hand-off out of hours or with nobody available: hand off anyway
 * (`handoff`: the conversation waits in Kustomer, the chat says when we open), as an email
 * follow-up (`email`), or let the customer choose (`ask`).
 */
export const OUT_OF_HOURS_MODES = ['handoff', 'email', 'ask'] as const;
export const outOfHoursModeSchema = z.enum(OUT_OF_HOURS_MODES);
export type OutOfHoursMode = z.infer<typeof outOfHoursModeSchema>;

/** How the customer is answered: here in the chat, or by email. */
export const followUpSchema = z.enum(['chat', 'email']);
export type FollowUp = z.infer<typeof followUpSchema>;

export const availabilitySchema = z.object({
  open: z.boolean(),
  reason: z.enum(AVAILABILITY_REASONS),
  /** The next opening (ISO instant) when closed; null when open or not known. */
  nextOpenAt: z.string().nullable(),
  /** From Kustomer's queue metrics (the latest wait), rounded up; null when Kustomer gives none. */
  expectedWaitMinutes: z.number().int().min(0).nullable(),
  /** The schedule's IANA time zone, to say the opening in it; null without a schedule. */
  timeZone: z.string().nullable(),
});
export type Availability = z.infer<typeof availabilitySchema>;

/** GET /api/availability: the availability and what happens out of hours (before any rule). */
export const publicAvailabilitySchema = availabilitySchema.extend({
  outOfHours: outOfHoursModeSchema,
});
export type PublicAvailability = z.infer<typeof publicAvailabilitySchema>;

/** Kept on the escalation record and carried by the escalation answer. */
export const availabilitySnapshotSchema = availabilitySchema.extend({
  /** How the customer was told they will be answered. */
  followUp: followUpSchema,
  checkedAt: z.string(),
});
export type AvailabilitySnapshot = z.infer<typeof availabilitySnapshotSchema>;

/** Settings: which schedule (null: the org's default) and the out-of-hours choice for every rule. */
export const availabilitySettingsSchema = z
  .object({
    scheduleId: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'choose a Kustomer business schedule')
      .nullable(),
    outOfHours: outOfHoursModeSchema,
  })
  .strict();
export type AvailabilitySettings = z.infer<typeof availabilitySettingsSchema>;
/** Applies when settings were saved before availability existed. */
export const DEFAULT_AVAILABILITY_SETTINGS: AvailabilitySettings = {
  scheduleId: null,
  outOfHours: 'email',
};

/** The answer when Kustomer cannot be asked: honest, and never in the way of a hand-off. */
export const UNKNOWN_AVAILABILITY: Availability = {
  open: true,
  reason: 'unknown',
  nextOpenAt: null,
  expectedWaitMinutes: null,
  timeZone: null,
};

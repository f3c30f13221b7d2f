/**
 * What the chat says about who can answer, before and after the hand-off: the wait Kustomer
 * reports, when we open (in the schedule's time zone), nobody available, and how the customer
 * will be answered. Plain fetch and no zod: the escalation button's chunk imports this file.
 */
import type {
  Availability,
  AvailabilitySnapshot,
  PublicAvailability,
} from '../shared/availability.js';
import type { EscalationResult } from '../shared/escalation.js';
import { formatOpening, maskEmail, nobodyThere } from '../shared/opening-time.js';

export { nobodyThere };

/** GET /api/availability; null when the server cannot say (the chat then promises nothing). */
export async function fetchAvailability(): Promise<PublicAvailability | null> {
  try {
    const response = await fetch('/api/availability', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<PublicAvailability>;
    return typeof body.open === 'boolean' && typeof body.reason === 'string'
      ? (body as PublicAvailability)
      : null;
  } catch {
    return null;
  }
}

export function closedUntil(a: Availability): string {
  return a.nextOpenAt
    ? `We're closed until ${formatOpening(a.nextOpenAt, a.timeZone)}.`
    : "We're closed right now.";
}

/** Said before the hand-off (beside "Talk to a human"); null when there is nothing to promise. */
export function availabilityHint(a: Availability | null): string | null {
  if (!a || a.reason === 'unknown') return null;
  if (!a.open) return closedUntil(a);
  if (a.reason === 'no_agents') return 'Nobody is available right now.';
  return a.expectedWaitMinutes !== null ? waitText(a.expectedWaitMinutes) : null;
}

const waitText = (minutes: number) =>
  `An agent usually answers in about ${Math.max(1, minutes)} min.`;

/**
 * Said after the hand-off when nobody can answer at once: why, and how the customer will be
 * answered. Null when someone can (the usual "connected" text stands, with the wait).
 */
export function followUpText(a: AvailabilitySnapshot, email: string): string | null {
  if (!nobodyThere(a)) return null;
  const why = a.open ? 'Nobody is available right now.' : closedUntil(a);
  const to = email ? ` to ${maskEmail(email)}` : '';
  if (a.followUp === 'email')
    return `${why} We've passed your request on and will reply by email${to}.`;
  const when = a.open
    ? 'the next agent will answer here'
    : 'an agent will answer here when we open';
  return `${why} We've passed your request on: ${when}, or by email${to} if you leave.`;
}

/** The wait to add to "You're connected…", when Kustomer gives one. */
export function waitSentence(result: EscalationResult): string {
  const a = result.status === 'escalated' ? result.availability : undefined;
  return a && !nobodyThere(a) && a.expectedWaitMinutes !== null
    ? ` ${waitText(a.expectedWaitMinutes)}`
    : '';
}

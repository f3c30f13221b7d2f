/**
 * The next opening as people read it, in the schedule's time zone ("Mon 09:00 (America/New_York)"),
 * said the same way in the chat and in the agent's note; an email shown masked; and whether nobody
 * can answer now. No zod here: the chat's bundle imports this file.
 */
import type { Availability } from './availability.js';

/** Closed by the schedule, or open with no agent available. */
export const nobodyThere = (a: Availability) => !a.open || a.reason === 'no_agents';

export function formatOpening(iso: string, timeZone: string | null): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  try {
    const text = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    }).format(at);
    return `${text.replace(',', '')}${timeZone ? ` (${timeZone})` : ''}`;
  } catch {
    return at.toISOString();
  }
}

/** jane@example.com -> j***@example.com: the customer recognises it, a bystander learns little. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * The chat's line for an escalation's outcome, honest about who can answer: connected (with the
 * wait Kustomer reports), passed on while we are closed or nobody is available (and how we will
 * answer), saved for later, or refused.
 */
import type { EscalationResult } from '../shared/escalation.js';
import { closedUntil, followUpText, waitSentence } from './availability-text.js';
import { queuedMessage } from './queued-message.js';

export const reference = (conversationId: string) => conversationId.slice(-8).toUpperCase();

export function outcomeText(result: EscalationResult, email: string): string {
  if (result.status === 'refused') return result.message;
  const followUp = result.availability ? followUpText(result.availability, email) : null;
  if (result.status === 'queued') {
    const a = result.availability;
    const closed = a && !a.open ? ` ${closedUntil(a)}` : '';
    return `${queuedMessage(result.reason, email || 'your email')}${closed}`;
  }
  if (followUp) return `${followUp} Reference: ${reference(result.conversationId)}.`;
  const team = result.team ? `the ${result.team.name} team` : 'our support team';
  return `You're connected with ${team}. Reference: ${reference(result.conversationId)}. An agent will reply here.${waitSentence(result)}`;
}

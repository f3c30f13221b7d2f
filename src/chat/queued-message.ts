/**
 * What the customer is told when their escalation is saved but not yet in Kustomer. Each reason
 * gets the honest version: a busy or slow Kustomer will most likely connect them in a moment (and
 * the chat keeps watching), an outage or a problem on our side means a later follow-up by email.
 */
import type { QueuedReason } from '../shared/escalation.js';

export function queuedMessage(reason: QueuedReason, email: string): string {
  switch (reason) {
    case 'kustomer_slow':
    case 'in_progress':
      return `Support is taking longer than usual to answer. Your request is saved: you'll be connected here as soon as it goes through, and we'll follow up at ${email} if you leave.`;
    case 'rate_limited':
      return `Support is very busy right now. Your request is saved and queued: you'll be connected here when it's your turn, and we'll follow up at ${email} if you leave.`;
    case 'integration_disabled':
      return `Talking to a person is paused right now. We've saved your request and will follow up at ${email}.`;
    case 'kustomer_unavailable':
    case 'breaker_open':
    case 'needs_attention':
    case 'internal_error':
      return unavailable(email);
    default: {
      // Compiles only while every reason has its case above; a reason from a newer server still
      // gets an honest sentence.
      const unworded: never = reason;
      void unworded;
      return unavailable(email);
    }
  }
}

const unavailable = (email: string) =>
  `Support is unavailable right now; we've saved your request and will follow up at ${email}.`;

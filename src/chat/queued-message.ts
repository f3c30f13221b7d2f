/**
 * What the customer is told when their escalation is saved but not yet in Kustomer. Each reason
 * gets the honest version: a busy or slow Kustomer will most likely connect them in a moment (and
 * the chat keeps watching), an outage or a problem on our side means a later follow-up by email.
 */
export function queuedMessage(reason: string, email: string): string {
  switch (reason) {
    case 'kustomer_slow':
    case 'in_progress':
      return `Support is taking longer than usual to answer. Your request is saved: you'll be connected here as soon as it goes through, and we'll follow up at ${email} if you leave.`;
    case 'rate_limited':
      return `Support is very busy right now. Your request is saved and queued: you'll be connected here when it's your turn, and we'll follow up at ${email} if you leave.`;
    case 'integration_disabled':
      return `Talking to a person is paused right now. We've saved your request and will follow up at ${email}.`;
    default:
      return `Support is unavailable right now; we've saved your request and will follow up at ${email}.`;
  }
}

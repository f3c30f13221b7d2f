/**
 * GET /api/handoff (public): whether "Talk to a human" reaches a person now, so the chat asks only
 * for what it will use. `on`: escalations go to Kustomer; `email_follow_up`: the integration is
 * off and requests are kept for a follow-up by email; `off`: it is off and requests are refused,
 * so the chat does not ask for an email it would not use. No zod here: the escalation button's
 * chunk imports this file and stays small.
 */
export type Handoff = 'on' | 'email_follow_up' | 'off';

/** What the customer reads when hand-off is off: one sentence, with what they can do instead. */
export const HANDOFF_OFF_MESSAGE =
  "Talking to a person is switched off right now, so I'll keep helping you here.";

/**
 * Availability for one escalation: the routed team (and queue, when the matched rule targets
 * one), the out-of-hours choice of that rule or the global one, and how the customer will be
 * answered. Kept on the record and carried by the escalation answer.
 */
import {
  DEFAULT_AVAILABILITY_SETTINGS,
  type Availability,
  type AvailabilitySnapshot,
  type FollowUp,
  type OutOfHoursMode,
} from '../../shared/availability.js';
import type { EscalationRequest } from '../../shared/escalation.js';
import { nobodyThere } from '../../shared/opening-time.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import { route } from '../routing.js';
import type { AvailabilityCheck, AvailabilityTarget } from './availability-check.js';

/**
 * `handoff` keeps the chat (the conversation waits in Kustomer for the opening), `email` promises
 * an email reply, `ask` follows the customer's choice (email when they have not chosen).
 */
export function decideFollowUp(
  availability: Availability,
  mode: OutOfHoursMode,
  chosen: FollowUp | undefined,
): FollowUp {
  if (!nobodyThere(availability) || mode === 'handoff') return 'chat';
  if (mode === 'email') return 'email';
  return chosen ?? 'email';
}

/** The team and queue the rules route this request to, and the out-of-hours choice that applies. */
export function targetOf(
  request: EscalationRequest,
  settings: IntegrationSettings,
): { target: AvailabilityTarget; mode: OutOfHoursMode } {
  const decision = route(request, settings);
  const rule = settings.routingRules.find((r) => r.id === decision.ruleId);
  const global = settings.availability ?? DEFAULT_AVAILABILITY_SETTINGS;
  return {
    // The queue the rule (or the default) routes to, when Kustomer's queues are used.
    target: { teamId: decision.teamId, queueId: decision.queueId ?? null },
    mode: rule?.outOfHours ?? global.outOfHours,
  };
}

export async function availabilityFor(
  check: AvailabilityCheck,
  request: EscalationRequest,
  settings: IntegrationSettings,
  now: number,
): Promise<AvailabilitySnapshot> {
  const { target, mode } = targetOf(request, settings);
  const availability = await check.check(
    target,
    settings.availability ?? DEFAULT_AVAILABILITY_SETTINGS,
  );
  return {
    ...availability,
    followUp: decideFollowUp(availability, mode, request.followUp),
    checkedAt: new Date(now).toISOString(),
  };
}

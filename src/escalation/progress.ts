/**
 * The escalation record seen by how far it got in Kustomer, for the steps that need a stage to
 * have been reached. A stored record is the wide EscalationRecord (older records included); each
 * guard here reads it and answers the record typed with what its stage guarantees, or null when
 * the stage is not reached, so a step that takes a stage's type cannot run without what it needs:
 *
 *   new          no customer yet (received, or saved in the outbox before step 1 ended)
 *   customer     WithCustomer: the Kustomer customer is known
 *   routed       Routed: the conversation exists and is routed
 *   escalated    Escalated: routed, and the caller was (or may be) told `escalated`
 *   refused      RefusedRecord: stored while the integration was off; never attempted, so it
 *                never gets a customer
 *
 * The state says where the record is (a step, the outbox); an outbox state (queued, retrying,
 * dead) can hold any stage: a record queued after its conversation was created keeps it.
 * A guard answers a fresh object (the record spread with the fields it checked), so the
 * narrowing is proven by the compiler, not asserted.
 */
import type { EscalatedResult, EscalationResult } from '../shared/escalation.js';
import type { EscalationRecord, RoutingDecision } from './record.js';

/** As newRecord makes it: nothing in Kustomer yet, nothing answered. */
export type NewRecord = EscalationRecord & {
  customerId: null;
  conversationId: null;
  routing: null;
  result: null;
};
export type WithCustomer = EscalationRecord & { customerId: string };
export type Routed = WithCustomer & { conversationId: string; routing: RoutingDecision };
export type Escalated = Routed & { result: EscalatedResult };
export type RefusedRecord = EscalationRecord & {
  state: 'refused';
  customerId: null;
  conversationId: null;
  result: Extract<EscalationResult, { status: 'refused' }>;
};

/**
 * A record whose fields contradict each other (a conversation without the routing it was created
 * with). No write of ours makes one (EscalationPatch); met anyway, the attempt fails rather than
 * guess (creating the conversation again could make a second one).
 */
export class InconsistentRecordError extends Error {
  readonly code = 'inconsistent_record';
  constructor(
    readonly escalationId: string,
    detail: string,
  ) {
    super(`Escalation ${escalationId} is inconsistent: ${detail}`);
    this.name = 'InconsistentRecordError';
  }
}

export function customerKnown(record: EscalationRecord): WithCustomer | null {
  const { customerId } = record;
  // Falsy, not just null: as the steps always read it (a record may predate a field's default).
  return customerId ? { ...record, customerId } : null;
}

/** Routed, or null while no conversation exists; throws when one exists without its routing. */
export function conversationRouted(record: WithCustomer): Routed | null {
  const { conversationId, routing } = record;
  if (!conversationId) return null;
  if (!routing)
    throw new InconsistentRecordError(record.escalationId, 'a conversation without its routing');
  return { ...record, conversationId, routing };
}

/** Routed and answered `escalated`; null for an older record routed before it was answered. */
export function answeredEscalated(record: Routed): Escalated | null {
  const { result } = record;
  return result?.status === 'escalated' ? { ...record, result } : null;
}

/**
 * The stored record after a write, seen at the stage `before` had reached: no write takes
 * progress back (EscalationPatch never clears customerId, conversationId or routing).
 */
export const stillRouted = (stored: EscalationRecord, before: Routed): Routed => ({
  ...stored,
  customerId: before.customerId,
  conversationId: before.conversationId,
  routing: before.routing,
});

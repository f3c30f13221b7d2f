/**
 * The steps that put one escalation into Kustomer, each persisted before the next so that a
 * resumed escalation continues from its last finished step:
 *
 *   customer (findOrCreate; cached -> no request)            -> customer_resolved
 *   conversation (externalId = escalationId)                  -> conversation_created + answer
 *   internal note, transcript (bulk job) and, when routing names a Kustomer queue, its work
 *   item (timeline-step.ts), in parallel                      -> transcript_synced -> done
 *
 * Each step takes the stage it needs (progress.ts: a conversation is made only for a record
 * with its customer, the timeline only for one routed and answered) and answers the next.
 *
 * The caller hears `escalated` as soon as the conversation exists and is routed: 3 sequential
 * round trips for a new customer (lookup, create, conversation), 2 for a known one, 1 for a cached
 * one. The note and the transcript follow under the same lease; Kustomer runs the transcript's
 * bulk job asynchronously, so it lands seconds later. A resumed attempt (after a crash, a
 * timeout, a reset: anything where a write may have landed without our knowing) looks each
 * resource up by externalId before creating it, so nothing is created twice
 * (kustomer-api.md §12), and follows the transcript jobs an earlier attempt recorded instead of
 * sending them again.
 */
import type {
  Conversation,
  CustomerIdentityInput,
  KustomerClient,
  Team,
} from '../kustomer/types.js';
import type { EscalatedResult, EscalationRequest } from '../shared/escalation.js';
import type { AvailabilitySnapshot } from '../shared/availability.js';
import type { Priority } from '../shared/priority.js';
import { usesQueues, type IntegrationSettings } from '../shared/settings.js';
import type { Breaker } from './breaker.js';
import { makeCall, type Call, type CallRun } from './call.js';
import { conversationInput } from './payload.js';
import {
  answeredEscalated,
  conversationRouted,
  customerKnown,
  stillRouted,
  type Escalated,
  type Routed,
  type WithCustomer,
} from './progress.js';
import type { EscalationPatch, EscalationRecord, RoutingDecision } from './record.js';
import { escalatedResult } from './records.js';
import { route } from './routing.js';
import type { StorePorts } from './store.js';
import { timelineStep } from './timeline-step.js';

export interface StepDeps {
  client: KustomerClient;
  clock: () => number;
  store: StorePorts<'records'>;
  breaker: Breaker;
  sessionUrl: (request: EscalationRequest) => string | null;
}

export interface StepRun extends CallRun {
  settings: IntegrationSettings;
  /** Look resources up by externalId before creating them. */
  resume: boolean;
  /** Epoch ms (deps' clock) by which the whole attempt must end; a bulk job is followed until shortly before. */
  deadlineAt: number;
  /** How long a transcript job whose status cannot be read is given before the conversation is listed. */
  bulkSettleMs: number;
  /** Told once the conversation exists and is routed, before the note and the transcript. */
  onAnswer?: (result: EscalatedResult) => void;
  /**
   * A new escalation's availability, still being checked beside the first steps; the answer and
   * the record get it once the conversation exists. Absent: the record's own (a later attempt).
   */
  availability?: Promise<AvailabilitySnapshot | undefined>;
}

function identity(request: EscalationRequest): CustomerIdentityInput {
  const { email, phone, externalId, name } = request.customer;
  return {
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(externalId ? { externalId } : {}),
    ...(name ? { name } : {}),
  };
}

const isPriority = (value: number | null): value is Priority =>
  value !== null && Number.isInteger(value) && value >= 1 && value <= 5;

/** A conversation found by externalId was routed by an earlier attempt: record what it got. */
function routingOf(
  found: Conversation,
  planned: RoutingDecision,
  teams: Team[] | null,
): RoutingDecision {
  const teamId = found.assignedTeams[0] ?? null;
  if (teamId === planned.teamId && found.priority === planned.priority) return planned;
  const priority = isPriority(found.priority) ? found.priority : planned.priority;
  const teamName = teamId ? (teams?.find((t) => t.id === teamId)?.name ?? null) : null;
  return { ...planned, teamId, teamName, priority };
}

/** When the chat hears `escalated`: now, unless an earlier write already said so (analytics). */
const answeredAt = (deps: StepDeps, record: EscalationRecord): string =>
  record.escalatedAt ?? new Date(deps.clock()).toISOString();

/** Step 1: the Kustomer customer, found or created (a cached one costs no request). */
async function customerStep(
  deps: StepDeps,
  call: Call,
  record: EscalationRecord,
): Promise<WithCustomer> {
  const { customer } = await call((o) =>
    deps.client.customers.findOrCreate(identity(record.request), o),
  );
  const patch = { state: 'customer_resolved', customerId: customer.id } satisfies EscalationPatch;
  return { ...(await deps.store.records.update(record.escalationId, patch)), ...patch };
}

/** Step 2: the conversation, routed; the caller may hear `escalated` once it is stored. */
async function conversationStep(
  deps: StepDeps,
  run: StepRun,
  call: Call,
  record: WithCustomer,
  names: { teams: Promise<Team[] | null>; queues: Promise<Team[] | null> },
): Promise<Escalated> {
  const { client } = deps;
  const id = record.escalationId;
  const [teamList, queueList, found] = await Promise.all([
    names.teams,
    names.queues,
    run.resume ? call((o) => client.conversations.getByExternalId(id, o)) : null,
  ]);
  const planned = route(record.request, run.settings, teamList, queueList);
  const conversation =
    found ??
    (await call((o) =>
      client.conversations.create(
        conversationInput(record.request, record.customerId, planned, run.settings),
        o,
      ),
    ));
  const routing = found ? routingOf(found, planned, teamList) : planned;
  // Checked beside the steps so far; the answer says it, so it is waited for only now.
  const checked = record.availability ? undefined : await run.availability;
  const availability = checked ? { availability: checked } : {};
  const routed: Routed = { ...record, ...availability, conversationId: conversation.id, routing };
  const patch = {
    state: 'conversation_created',
    conversationId: conversation.id,
    routing,
    ...availability,
    result: escalatedResult(routed, (c) => client.conversationUrl(c)),
    escalatedAt: answeredAt(deps, record),
  } satisfies EscalationPatch;
  return { ...stillRouted(await deps.store.records.update(id, patch), routed), ...patch };
}

/** A conversation left by an older attempt before it could answer: it exists, so it is escalated. */
async function answerLate(deps: StepDeps, record: Routed): Promise<Escalated> {
  const patch = {
    result: escalatedResult(record, (c) => deps.client.conversationUrl(c)),
    escalatedAt: answeredAt(deps, record),
  } satisfies EscalationPatch;
  return {
    ...stillRouted(await deps.store.records.update(record.escalationId, patch), record),
    ...patch,
  };
}

/** Runs the remaining steps; returns the record after the last one (state transcript_synced). */
export async function runSteps(
  deps: StepDeps,
  run: StepRun,
  start: EscalationRecord,
): Promise<Routed> {
  const call = makeCall(deps.breaker, run);
  // Team and queue names are only needed for routing; fetched (teams normally from cache)
  // alongside step 1. Queues only when routing names one: the note says which.
  const needNames = !start.conversationId;
  const names = {
    teams: needNames ? call((o) => deps.client.teams.list(o)).catch(() => null) : null,
    queues:
      needNames && usesQueues(run.settings)
        ? call((o) => deps.client.routing.listQueues(o)).catch(() => null)
        : null,
  };
  const withCustomer = customerKnown(start) ?? (await customerStep(deps, call, start));
  const routed = conversationRouted(withCustomer);
  const answered = routed
    ? (answeredEscalated(routed) ?? (await answerLate(deps, routed)))
    : await conversationStep(deps, run, call, withCustomer, {
        teams: Promise.resolve(names.teams),
        queues: Promise.resolve(names.queues),
      });
  run.onAnswer?.(answered.result);
  return timelineStep(deps, run, call, answered);
}

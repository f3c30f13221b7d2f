/**
 * The steps that put one escalation into Kustomer, each persisted before the next so that a
 * resumed escalation continues from its last finished step:
 *
 *   customer (findOrCreate; cached -> no request)            -> customer_resolved
 *   conversation (externalId = escalationId)                  -> conversation_created + answer
 *   internal note, transcript (bulk job) and, when routing names a Kustomer queue, its work
 *   item (routing-work-item.ts), in parallel                  -> transcript_synced -> done
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
  CallOptions,
  Conversation,
  CustomerIdentityInput,
  KustomerClient,
  Team,
} from '../kustomer/types.js';
import type { EscalatedResult, EscalationRequest } from '../shared/escalation.js';
import { usesQueues, type IntegrationSettings } from '../shared/settings.js';
import type { Breaker } from './breaker.js';
import { afterPartialWrites, failureMayHaveLanded } from './failures.js';
import { conversationInput, noteExternalId, noteInput, transcriptMessages } from './payload.js';
import { escalatedResult } from './records.js';
import { route } from './routing.js';
import { routeToQueue, workItemDue } from './routing-work-item.js';
import type { StorePorts } from './store.js';
import type { EscalationRecord, RoutingDecision } from './record.js';

export interface StepDeps {
  client: KustomerClient;
  clock: () => number;
  store: StorePorts<'records'>;
  breaker: Breaker;
  sessionUrl: (request: EscalationRequest) => string | null;
}

export interface StepRun {
  settings: IntegrationSettings;
  /** Look resources up by externalId before creating them. */
  resume: boolean;
  signal: AbortSignal;
  lane: CallOptions['lane'];
  /** The attempt's deadline: waiting longer than this for rate budget cannot help. */
  maxWaitMs: number;
  /** Epoch ms (deps' clock) by which the whole attempt must end; a bulk job is followed until shortly before. */
  deadlineAt: number;
  /** How long a transcript job whose status cannot be read is given before the conversation is listed. */
  bulkSettleMs: number;
  /** Told once the conversation exists and is routed, before the note and the transcript. */
  onAnswer?: (result: EscalatedResult) => void;
}

export type Call = <T>(fn: (options: CallOptions) => Promise<T>) => Promise<T>;

/** Rejects with the abort reason as soon as the signal fires, even if the client ignores it. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? signal.reason : error);
      },
    );
  });
}

/** Calls through the breaker, cut short by the run's deadline (also used for later messages). */
export function makeCall(
  breaker: Breaker,
  run: Pick<StepRun, 'signal' | 'lane' | 'maxWaitMs'>,
): Call {
  return async (fn) => {
    run.signal.throwIfAborted();
    // A call cut short by our own deadline is not Kustomer's failure: it must not trip the breaker.
    return breaker.execute(() =>
      raceAbort(
        fn({ lane: run.lane, signal: run.signal, maxWaitMs: run.maxWaitMs }),
        run.signal,
      ).catch((error: unknown) => {
        throw run.signal.aborted ? run.signal.reason : error;
      }),
    );
  };
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

/** A conversation found by externalId was routed by an earlier attempt: record what it got. */
function routingOf(
  found: Conversation,
  planned: RoutingDecision,
  teams: Team[] | null,
): RoutingDecision {
  const teamId = found.assignedTeams[0] ?? null;
  if (teamId === planned.teamId && found.priority === planned.priority) return planned;
  const priority = (found.priority ?? planned.priority) as RoutingDecision['priority'];
  const teamName = teamId ? (teams?.find((t) => t.id === teamId)?.name ?? null) : null;
  return { ...planned, teamId, teamName, priority };
}

/** When the chat hears `escalated`: now, unless an earlier write already said so (analytics). */
const answeredAt = (deps: StepDeps, record: EscalationRecord): string =>
  record.escalatedAt ?? new Date(deps.clock()).toISOString();

async function conversationStep(
  deps: StepDeps,
  run: StepRun,
  call: Call,
  record: EscalationRecord,
  names: { teams: Promise<Team[] | null>; queues: Promise<Team[] | null> },
) {
  const { client } = deps;
  const id = record.escalationId;
  const customerId = record.customerId as string;
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
        conversationInput(record.request, customerId, planned, run.settings),
        o,
      ),
    ));
  const routing = found ? routingOf(found, planned, teamList) : planned;
  const result = escalatedResult({ ...record, conversationId: conversation.id, routing }, (c) =>
    client.conversationUrl(c),
  );
  return deps.store.records.update(id, {
    state: 'conversation_created',
    conversationId: conversation.id,
    routing,
    result,
    escalatedAt: answeredAt(deps, record),
  });
}

async function timelineStep(deps: StepDeps, run: StepRun, call: Call, record: EscalationRecord) {
  const { client } = deps;
  const request = record.request;
  const conversationId = record.conversationId as string;
  const routing = record.routing as RoutingDecision;
  const wantTranscript =
    run.settings.transcriptSync && !record.transcriptSynced && request.transcript.length > 0;
  const wantNote = !record.noteCreated;
  const createNote = async () => {
    const existing = run.resume
      ? await call((o) =>
          client.notes.findByExternalId(conversationId, noteExternalId(record.escalationId), o),
        )
      : null;
    return (
      existing ??
      call((o) =>
        client.notes.create(
          conversationId,
          noteInput(request, routing, deps.sessionUrl(request), record.availability),
          o,
        ),
      )
    );
  };
  const [transcript, note, workItem] = await Promise.allSettled([
    wantTranscript
      ? call((o) =>
          client.messages.addTranscript(conversationId, transcriptMessages(request), {
            ...o,
            resume: run.resume,
            journal: {
              pending: record.transcriptJobs ?? [],
              settleMs: run.bulkSettleMs,
              save: async (jobs) => {
                await deps.store.records.update(record.escalationId, { transcriptJobs: jobs });
              },
            },
            // Stop following a job in time to record why, before the attempt's deadline.
            maxWaitForJobMs: Math.max(0, run.deadlineAt - deps.clock() - 500),
          }),
        ).catch((error: unknown) => {
          // Earlier chunks may have landed before the one that failed.
          throw afterPartialWrites(error);
        })
      : Promise.resolve(null),
    wantNote ? createNote() : Promise.resolve(null),
    workItemDue(record) ? routeToQueue(deps, run.resume, call, record) : Promise.resolve(),
  ]);
  const patch = {
    ...(wantTranscript && transcript.status === 'fulfilled' ? { transcriptSynced: true } : {}),
    ...(wantNote && note.status === 'fulfilled' ? { noteCreated: true } : {}),
  };
  const rejected = [transcript, note, workItem].filter((r) => r.status === 'rejected');
  // Report the ambiguous failure if there is one, so the retry knows to look before it writes.
  const failed = rejected.find((r) => failureMayHaveLanded(r.reason)) ?? rejected[0];
  if (failed) {
    // Keep what did land, so the retry does only the part that failed.
    if (Object.keys(patch).length) await deps.store.records.update(record.escalationId, patch);
    throw failed.reason;
  }
  return deps.store.records.update(record.escalationId, { ...patch, state: 'transcript_synced' });
}

/** Runs the remaining steps; returns the record after the last one (state transcript_synced). */
export async function runSteps(
  deps: StepDeps,
  run: StepRun,
  start: EscalationRecord,
): Promise<EscalationRecord> {
  const call = makeCall(deps.breaker, run);
  let record = start;
  // Team and queue names are only needed for routing; fetched (teams normally from cache)
  // alongside step 1. Queues only when routing names one: the note says which.
  const needNames = !record.conversationId;
  const names = {
    teams: needNames ? call((o) => deps.client.teams.list(o)).catch(() => null) : null,
    queues:
      needNames && usesQueues(run.settings)
        ? call((o) => deps.client.routing.listQueues(o)).catch(() => null)
        : null,
  };
  if (!record.customerId) {
    const { customer } = await call((o) =>
      deps.client.customers.findOrCreate(identity(record.request), o),
    );
    record = await deps.store.records.update(record.escalationId, {
      state: 'customer_resolved',
      customerId: customer.id,
    });
  }
  if (!record.conversationId)
    record = await conversationStep(deps, run, call, record, {
      teams: Promise.resolve(names.teams),
      queues: Promise.resolve(names.queues),
    });
  if (record.result?.status !== 'escalated') {
    // Left by an older attempt before it could answer: the conversation exists, so it is escalated.
    const result = escalatedResult(record, (c) => deps.client.conversationUrl(c));
    record = await deps.store.records.update(record.escalationId, {
      result,
      escalatedAt: answeredAt(deps, record),
    });
  }
  run.onAnswer?.(record.result as EscalatedResult);
  return timelineStep(deps, run, call, record);
}

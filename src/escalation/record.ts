/**
 * The escalation record: one escalation's progress through the steps, its place in the outbox,
 * what the caller was told and what happened after the hand-off, as every store keeps it.
 */
import type { PendingBulkJob } from '../kustomer/resources/bulk-jobs.js';
import type { AvailabilitySnapshot } from '../shared/availability.js';
import type {
  AgentReply,
  EscalatedResult,
  EscalationRequest,
  EscalationResult,
  EscalationState,
} from '../shared/escalation.js';
import type { Priority } from '../shared/priority.js';

export interface RoutingDecision {
  teamId: string | null;
  teamName: string | null;
  priority: Priority;
  /** The Kustomer queue the conversation is routed to with a work item; absent or null: none. */
  queueId?: string | null;
  queueName?: string | null;
  /** The rule that matched, or null when the defaults applied. */
  ruleId: string | null;
  /** Human-readable why, for the internal note. */
  explanation: string;
}

export interface EscalationRecord {
  escalationId: string;
  request: EscalationRequest;
  state: EscalationState;
  customerId: string | null;
  conversationId: string | null;
  routing: RoutingDecision | null;
  transcriptSynced: boolean;
  noteCreated: boolean;
  /**
   * The work item that put the conversation in routing.queueId, once Kustomer answered with it
   * (absent while none is due or it is still to be made). A resumed attempt with none recorded
   * lists the conversation's items before creating one.
   */
  workItem?: { id: string; queueId: string | null; status: string | null; moved: boolean } | null;
  /**
   * A write may have reached Kustomer without our learning its outcome (a timeout, a reset, a
   * crash mid-attempt), so the next attempt must look each resource up by externalId before
   * creating it. False while every attempt so far failed in a way that proves it wrote nothing
   * unrecorded (a 429, a 503, a 4xx, the breaker), so a retry spends no requests on lookups; once
   * true it stays true, whatever later attempts prove of themselves. Absent on older records: treated as true.
   */
  mayHaveLanded?: boolean;
  /**
   * What the caller was told. Once `escalated` (the conversation exists, routed) it stays so,
   * while the transcript and note may still be on their way (state not yet `done`).
   */
  result: EscalationResult | null;
  /**
   * Transcript bulk jobs sent and not yet confirmed (an id of null: the POST's answer was lost).
   * Kept so that a later attempt, on any instance, follows them instead of sending again.
   */
  transcriptJobs?: PendingBulkJob[];
  attempts: number;
  nextAttemptAt: string | null;
  lastError: { code: string; message: string } | null;
  replies: AgentReply[];
  closed: boolean;
  closedAt: string | null;
  /**
   * Messages the customer typed after the hand-off, in the order the chat sent them; each is
   * delivered to the conversation once, in this order (live/). Absent on older records.
   */
  chatMessages?: ChatMessageRecord[];
  /** Delivery of chatMessages: when it is next due (indexed for messagesDue) and how it went. */
  messageOutbox?: MessageOutbox;
  /**
   * Counted in the analytics day counters (set by newRecord). Records stored before the counters
   * existed are left out for good, rather than have their next write subtract what they never added.
   */
  counted?: boolean;
  /** When the result became `escalated`: the chat hears it then (analytics). Absent on older records. */
  escalatedAt?: string;
  /** When the first agent reply arrived by webhook (analytics). Absent until then, and on older records. */
  firstReplyAt?: string;
  /** updatedAt of the newest conversation webhook applied, to ignore out-of-order deliveries. */
  lastConversationEventAt: string | null;
  /**
   * Open or closed when it came in, and how the customer was told they will be answered
   * (availability/). Absent on older records and where availability is not checked.
   */
  availability?: AvailabilitySnapshot;
  createdAt: string;
  updatedAt: string;
}

export interface ChatMessageRecord {
  /** The chat's message id; with the escalation id it makes the Kustomer externalId. */
  id: string;
  /** As it goes to Kustomer: card numbers already masked. */
  text: string;
  /** When the customer sent it (the chat's clock). */
  at: string;
  receivedAt: string;
  masked: boolean;
  deliveredAt: string | null;
  kustomerMessageId: string | null;
  attachment?: StoredAttachment;
}

/**
 * A file the customer attached, kept until its message is delivered (then `data` is dropped, so
 * the store holds a file only while it waits). `kustomerId` is set once the file is uploaded to
 * the attachment Kustomer created for it: from then on a retry references it, never re-uploads.
 */
export interface StoredAttachment {
  name: string;
  contentType: string;
  contentLength: number;
  data: string | null;
  kustomerId: string | null;
}

export interface MessageOutbox {
  /** When undelivered messages are next tried; null when none wait. */
  dueAt: string | null;
  /** Failed deliveries in a row (reset by a success). */
  attempts: number;
  /** As EscalationRecord.mayHaveLanded, for the messages: look before sending again. */
  mayHaveLanded: boolean;
  lastError: { code: string; message: string } | null;
}

/** What a write may change without moving the escalation through its steps. */
export type SettledPatch = Partial<
  Omit<EscalationRecord, 'escalationId' | 'request' | 'createdAt' | ProgressField>
> & {
  /** A new answer for the chat; never cleared. */
  result?: EscalationResult;
};

/** The fields that say how far the escalation got: written only as ProgressPatch allows. */
type ProgressField = 'state' | 'customerId' | 'conversationId' | 'routing' | 'result';

/** Fields a write leaves out: each is set once, with the state that records it, never cleared. */
type Untouched<K extends ProgressField> = { [F in K]?: never };

/**
 * How a write may move the record: each field that records progress in Kustomer is written in
 * the same write as the state that says so, and never cleared: the customer with
 * `customer_resolved`; the conversation with its routing and the `escalated` answer with
 * `conversation_created`. A waiting state (queued, retrying) carries when it is due, or the
 * drain would never pick it up. `received` and `refused` are only ever inserted.
 *
 * Where the type stops: a patch does not see the stored record, so `done` or `transcript_synced`
 * on a record that never got its conversation still typechecks (TypeScript could only refuse it
 * by making every write restate the conversation). The steps that write those states take a
 * Routed record (progress.ts), which is what rules it out.
 */
export type ProgressPatch =
  | (Untouched<'customerId' | 'conversationId' | 'routing'> & {
      state?: 'transcript_synced' | 'done' | 'dead';
    })
  | (Untouched<'conversationId' | 'routing'> & {
      state: 'customer_resolved';
      customerId: string;
    })
  | (Untouched<'customerId'> & {
      state: 'conversation_created';
      conversationId: string;
      routing: RoutingDecision;
      result: EscalatedResult;
    })
  | (Untouched<'customerId' | 'conversationId' | 'routing'> & {
      state: 'queued' | 'retrying';
      nextAttemptAt: string;
    });

export type EscalationPatch = SettledPatch & ProgressPatch;

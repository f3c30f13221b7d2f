/**
 * The durable state behind escalations: each escalation's record (its progress through the steps
 * and its place in the outbox), the settings every instance shares, webhook dedupe marks and
 * rate-limit counters. Three implementations: file (embedded default), redis (several instances,
 * serverless) and memory (tests). Every write is durable before its promise resolves.
 */
import type { StoreDurability } from './stores/durability.js';
import type {
  AgentReply,
  EscalationRequest,
  EscalationResult,
  EscalationState,
} from '../shared/escalation.js';
import type { PendingBulkJob } from '../kustomer/resources/bulk-jobs.js';
import type { AvailabilitySnapshot } from '../shared/availability.js';
import type { Priority } from '../shared/priority.js';
import type { IntegrationSettings } from '../shared/settings.js';
import type { DayStats } from './analytics/contribution.js';

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

export type EscalationPatch = Partial<
  Omit<EscalationRecord, 'escalationId' | 'request' | 'createdAt'>
>;

export type StoreKind = 'file' | 'redis' | 'memory';

export interface EscalationStore {
  readonly kind: StoreKind;
  /** Inserts unless a record with this id exists; returns the stored record either way. */
  insert(record: EscalationRecord): Promise<{ inserted: boolean; record: EscalationRecord }>;
  get(escalationId: string): Promise<EscalationRecord | null>;
  /** Merges the patch (updatedAt is set by the store) and returns the new record. Throws if unknown. */
  update(escalationId: string, patch: EscalationPatch): Promise<EscalationRecord>;
  /**
   * Merges the patch that change() derives from the current record, atomically with respect to
   * every other write to that record on every instance; change() answering null leaves it as it
   * is. change() must be pure: a store may call it again after losing a race. Returns the new
   * record, or null when unchanged. Throws if unknown.
   */
  updateWhere(
    escalationId: string,
    change: (record: EscalationRecord) => EscalationPatch | null,
  ): Promise<EscalationRecord | null>;
  /** Appends an agent reply unless one with the same id is there; false for a duplicate. */
  appendReply(escalationId: string, reply: AgentReply): Promise<boolean>;
  /** Exclusive claim for ttlMs across every instance sharing the store; true when acquired. */
  acquireLease(escalationId: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(escalationId: string, owner: string): Promise<void>;
  /** queued/retrying records whose nextAttemptAt <= now, oldest createdAt first. */
  due(now: Date, limit: number): Promise<EscalationRecord[]>;
  /** Records in these states, oldest createdAt first; at most `limit` of them are read. */
  list(options?: { states?: EscalationState[]; limit?: number }): Promise<EscalationRecord[]>;
  /** createdAt of the oldest queued or retrying record, without reading the others; null if none. */
  oldestWaiting(): Promise<string | null>;
  /** How many escalations answered `escalated` still wait for their timeline (timelinePending). */
  countTimelinePending(): Promise<number>;
  /** Records whose later chat messages are due (messageOutbox.dueAt <= now), soonest first. */
  messagesDue(now: Date, limit: number): Promise<EscalationRecord[]>;
  countByState(): Promise<Partial<Record<EscalationState, number>>>;
  /** Removes dead records; returns how many. */
  purgeDead(): Promise<number>;
  /**
   * Removes up to `limit` finished escalations (done or refused) not changed since `before`: the
   * retention limit for transcripts and contact details. Returns how many. A record that changes
   * while this runs (a late agent reply) is kept.
   */
  purgeFinished(before: Date, limit: number): Promise<number>;
  /**
   * The analytics counters of these UTC days (YYYY-MM-DD), kept in the same write as each record
   * (analytics/contribution.ts); a day without escalations is absent. Reads nothing else.
   */
  readStats(days: string[]): Promise<Record<string, DayStats>>;
  /** Deletes the counters of days before `day` (retention); returns how many days went. */
  purgeStats(day: string): Promise<number>;
  /** The escalation whose Kustomer conversation this is (indexed when conversationId is set). */
  findByConversationId(conversationId: string): Promise<string | null>;
  /** True the first time this webhook event id is seen within ttlMs. */
  markEventSeen(eventId: string, ttlMs: number): Promise<boolean>;
  /** Fixed-window counter for rate limits shared by every instance; returns the count after this hit. */
  hit(key: string, windowMs: number): Promise<number>;
  getSettings(): Promise<IntegrationSettings | null>;
  saveSettings(settings: IntegrationSettings): Promise<void>;
  /**
   * A value only the server reads (never part of an answer to a browser), shared by every
   * instance: the provisioned outbound webhook with its signing token, the last webhook delivery.
   * null when none was put.
   */
  getServerValue(key: string): Promise<unknown>;
  /** Replaces the value of `key`, durably. */
  putServerValue(key: string, value: unknown): Promise<void>;
  /** Throws when the store cannot be reached (for /api/ready). */
  ping(): Promise<void>;
  /** Whether what it stores survives a crash of the store (see stores/durability.ts). */
  durability?(): Promise<StoreDurability>;
  close(): Promise<void>;
}

/** A write to an escalation the store does not hold (never stored, or deleted by retention). */
export class UnknownEscalationError extends Error {
  readonly code = 'unknown_escalation';
  constructor(readonly escalationId: string) {
    super(`unknown escalation ${escalationId}`);
    this.name = 'UnknownEscalationError';
  }
}

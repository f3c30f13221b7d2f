/**
 * The durable state behind escalations: each escalation's record (its progress through the steps
 * and its place in the outbox), the settings every instance shares, webhook dedupe marks and
 * rate-limit counters. Three implementations: file (embedded default), redis (several instances,
 * serverless) and memory (tests). Every write is durable before its promise resolves.
 */
import type { StoreDurability } from './stores/durability.js';
import type { AgentReply, EscalationState } from '../shared/escalation.js';
import type { EscalationPatch, EscalationRecord } from './record.js';
import type { IntegrationSettings } from '../shared/settings.js';
import type { DayStats } from './analytics/contribution.js';

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

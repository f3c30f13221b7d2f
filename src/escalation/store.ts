/**
 * The durable state behind escalations, as small ports a consumer can depend on one by one: each
 * escalation's record (its progress through the steps and its place in the outbox) with the
 * analytics counters written beside it, leases, webhook dedupe marks, rate-limit counters, the
 * settings every instance shares and server-only values. Three backends: file (embedded
 * default), redis (several instances, serverless) and memory (tests); records are implemented by
 * each, the rest once over a key-value backend (stores/key-value-ports.ts). Every durable write is
 * durable before its promise resolves.
 */
import type { StoreDurability } from './stores/durability.js';
import type { AgentReply, EscalationState } from '../shared/escalation.js';
import type { EscalationPatch, EscalationRecord } from './record.js';
import type { IntegrationSettings } from '../shared/settings.js';
import type { DayStats } from './analytics/contribution.js';

export type StoreKind = 'file' | 'redis' | 'memory';

/**
 * The escalation records with their indexes (outbox, states, conversations, retention) and, in
 * the same atomic write as each record, the analytics day counters: exactly-once rests on each
 * write landing whole, so every backend implements this port itself.
 */
export interface RecordsPort {
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
  /** The escalation whose Kustomer conversation this is (indexed when conversationId is set). */
  findByConversationId(conversationId: string): Promise<string | null>;
  /** Removes dead records; returns how many. */
  purgeDead(): Promise<number>;
  /**
   * Removes up to `limit` finished escalations (done or refused) not changed since `before`: the
   * retention limit for transcripts and contact details. Returns how many. A record that changes
   * while this runs (a late agent reply) is kept.
   */
  purgeFinished(before: Date, limit: number): Promise<number>;
}

/**
 * The analytics counters of UTC days (analytics/contribution.ts). The records port writes them in
 * the same write as each record, so they are implemented beside it; reading and purging them is
 * this port, for the analytics report and retention, which need no record.
 */
export interface StatsPort {
  /** These days' counters (YYYY-MM-DD); a day without escalations is absent. Reads nothing else. */
  read(days: string[]): Promise<Record<string, DayStats>>;
  /** Deletes the counters of days before `day` (retention); returns how many days went. */
  purgeBefore(day: string): Promise<number>;
}

/** Exclusive claims shared by every instance (an escalation's attempt, webhook provisioning). */
export interface LeasesPort {
  /** Claims `name` for ttlMs; true when acquired, or already this owner's (then extended). */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the claim if `owner` still holds it. */
  release(name: string, owner: string): Promise<void>;
}

/** Webhook delivery dedupe. */
export interface EventsPort {
  /** True the first time this webhook event id is seen within ttlMs. */
  markSeen(eventId: string, ttlMs: number): Promise<boolean>;
}

/** Rate-limit counters shared by every instance. */
export interface CountersPort {
  /** Counts a hit in the fixed window of windowMs that now falls in; returns the count after it. */
  hit(key: string, windowMs: number): Promise<number>;
}

/** The Integrations settings every instance shares. */
export interface SettingsPort {
  get(): Promise<IntegrationSettings | null>;
  /** Replaces the settings, durably. */
  save(settings: IntegrationSettings): Promise<void>;
}

/**
 * Values only the server reads (never part of an answer to a browser), shared by every instance:
 * the provisioned outbound webhook with its signing token, the last webhook delivery, the last
 * connection check. Apart from the settings so that no browser-facing code needs this port.
 */
export interface ServerValuesPort {
  /** null when none was put. */
  get(key: string): Promise<unknown>;
  /** Replaces the value of `key`, durably. */
  put(key: string, value: unknown): Promise<void>;
}

/** The store as a whole: which backend, whether it answers and keeps what it is told. */
export interface StoreHealth {
  readonly kind: StoreKind;
  /** Throws when the store cannot be reached (for /api/ready). */
  ping(): Promise<void>;
  /** Whether what it stores survives a crash of the store (see stores/durability.ts). */
  durability(): Promise<StoreDurability>;
  close(): Promise<void>;
}

/** Every port of one store; a consumer takes only those it uses (StorePorts<'records'>). */
export interface EscalationStore extends StoreHealth {
  readonly records: RecordsPort;
  readonly stats: StatsPort;
  readonly leases: LeasesPort;
  readonly events: EventsPort;
  readonly counters: CountersPort;
  readonly settings: SettingsPort;
  readonly serverValues: ServerValuesPort;
}

export const PORT_NAMES = [
  'records',
  'stats',
  'leases',
  'events',
  'counters',
  'settings',
  'serverValues',
] as const;

export type PortName = (typeof PORT_NAMES)[number];

/** The part of a store a consumer depends on: `StorePorts<'records' | 'leases'>`. */
export type StorePorts<K extends keyof EscalationStore> = Pick<EscalationStore, K>;

/** A write to an escalation the store does not hold (never stored, or deleted by retention). */
export class UnknownEscalationError extends Error {
  readonly code = 'unknown_escalation';
  constructor(readonly escalationId: string) {
    super(`unknown escalation ${escalationId}`);
    this.name = 'UnknownEscalationError';
  }
}

/**
 * What the server layer calls. The escalation service turns a validated EscalationRequest into a
 * Kustomer conversation exactly once, or stores it in the durable outbox and answers `queued`.
 */
import type {
  EscalationRequest,
  EscalationResult,
  EscalationStatus,
} from '../shared/escalation.js';
import type { BreakerState, OutboxItem } from '../shared/integration.js';
import type { IntegrationSettings, SettingsUpdate } from '../shared/settings.js';

export interface DrainReport {
  attempted: number;
  delivered: number;
  requeued: number;
  dead: number;
  /** Skipped because another instance holds the lease. */
  leased: number;
  /** Finished escalations deleted for being past the retention limit. */
  purged: number;
  /** Later chat messages delivered to their conversations. */
  messagesDelivered?: number;
}

export interface OutboxSummary {
  queued: number;
  retrying: number;
  dead: number;
  oldestQueuedAt: string | null;
  /** Escalated (the chat was answered) while the transcript or note is still on its way. */
  timelinePending: number;
}

export interface AgentReplyEvent {
  /** Kustomer's webhook event id: deliveries are at least once, so it is the dedupe key. */
  eventId: string;
  conversationId: string;
  messageId: string;
  text: string;
  at: string;
  author: string | null;
  attachments?: { id: string; name: string }[];
}

export interface ConversationClosedEvent {
  eventId: string;
  conversationId: string;
  /** The conversation's status after the update; only 'done' closes the escalation. */
  status: 'open' | 'snoozed' | 'done';
  /** Kustomer's updatedAt: an older event than what is stored is ignored (out of order). */
  at: string;
}

export interface EscalationService {
  escalate(request: EscalationRequest): Promise<EscalationResult>;
  /** With a sessionId, null unless the escalation came from that chat session. */
  status(escalationId: string, options?: { sessionId?: string }): Promise<EscalationStatus | null>;
  /** Delivers due outbox entries, oldest first, within the rate budget; safe on several instances. */
  drain(options?: { limit?: number; deadlineAt?: number }): Promise<DrainReport>;
  /** Attempts one queued or dead escalation now; null when the id is unknown. */
  retryNow(escalationId: string): Promise<EscalationResult | null>;
  outbox(options?: { limit?: number }): Promise<OutboxItem[]>;
  outboxSummary(): Promise<OutboxSummary>;
  purgeDead(): Promise<number>;
  breakerState(): BreakerState;
  /** Returns 'applied', 'duplicate' (event seen before) or 'unknown' (not one of our conversations). */
  recordAgentReply(event: AgentReplyEvent): Promise<'applied' | 'duplicate' | 'unknown'>;
  recordConversationUpdate(
    event: ConversationClosedEvent,
  ): Promise<'applied' | 'duplicate' | 'stale' | 'unknown'>;
  /** Stops timers and closes the store. */
  close(): Promise<void>;
}

export interface SettingsService {
  get(): Promise<IntegrationSettings>;
  /** Validates team ids against Kustomer's team list; throws SettingsValidationError naming the field. */
  update(patch: SettingsUpdate): Promise<IntegrationSettings>;
}

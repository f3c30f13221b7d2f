/**
 * Escalation records: how a new one starts, and the views the API serves (status for the chat,
 * outbox items for the Integrations page). How a failure is classified is in failures.ts.
 */
import type {
  EscalatedResult,
  EscalationRequest,
  EscalationState,
  EscalationStatus,
  QueuedResult,
} from '../shared/escalation.js';
import type { OutboxItem } from '../shared/integration.js';
import { maskIdentity } from './payload.js';
import type { NewRecord, RefusedRecord, Routed } from './progress.js';
import { HANDOFF_OFF_MESSAGE } from '../shared/handoff.js';
import type { EscalationRecord } from './record.js';

/** States in which an attempt is (or was, before a crash) working through the steps. */
export const IN_PROGRESS_STATES: EscalationState[] = [
  'received',
  'customer_resolved',
  'conversation_created',
  'transcript_synced',
];
export const OUTBOX_STATES: EscalationState[] = ['queued', 'retrying', 'dead'];
/** Waiting for their next attempt (dead ones wait for an operator instead). */
export const WAITING_STATES: EscalationState[] = ['queued', 'retrying'];

/** The chat heard `escalated`, and the transcript or note is not yet on the timeline. */
export const timelinePending = (record: Pick<EscalationRecord, 'state' | 'result'>): boolean =>
  record.result?.status === 'escalated' && record.state !== 'done';

/** The createdAt of the oldest waiting record among `records`; null when none waits. */
export function oldestWaitingOf(
  records: Iterable<Pick<EscalationRecord, 'state' | 'createdAt'>>,
): string | null {
  let oldest: string | null = null;
  for (const record of records) {
    if (!WAITING_STATES.includes(record.state)) continue;
    if (oldest === null || Date.parse(record.createdAt) < Date.parse(oldest))
      oldest = record.createdAt;
  }
  return oldest;
}

/** Nothing more will be attempted: delivered, or refused because the integration was off. */
export const isFinished = (record: Pick<EscalationRecord, 'state'>): boolean =>
  record.state === 'done' || record.state === 'refused';

/** Finished and untouched since `before`: past the retention limit. */
export const finishedBefore =
  (before: Date) =>
  (record: EscalationRecord): boolean =>
    isFinished(record) && Date.parse(record.updatedAt) < before.getTime();

/** Epoch ms when the record's later chat messages are due; Infinity when none wait. */
export function messagesDueAt(record: Pick<EscalationRecord, 'messageOutbox'>): number {
  const dueAt = record.messageOutbox?.dueAt;
  return dueAt ? Date.parse(dueAt) : Number.POSITIVE_INFINITY;
}

export function newRecord(request: EscalationRequest, nowIso: string): NewRecord {
  return {
    escalationId: request.escalationId,
    request,
    state: 'received',
    customerId: null,
    conversationId: null,
    routing: null,
    transcriptSynced: false,
    noteCreated: false,
    mayHaveLanded: true,
    result: null,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    replies: [],
    closed: false,
    closedAt: null,
    lastConversationEventAt: null,
    counted: true,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/**
 * Stored while the integration is off: refused for good, or queued until it is back. Either way
 * nothing was sent to Kustomer, so neither has a customer.
 */
export function disabledRecord(
  request: EscalationRequest,
  whenDisabled: 'refuse' | 'queue',
  nowIso: string,
): RefusedRecord | (EscalationRecord & { state: 'queued'; result: QueuedResult }) {
  const fresh = newRecord(request, nowIso);
  const { escalationId } = request;
  return whenDisabled === 'refuse'
    ? {
        ...fresh,
        state: 'refused',
        result: {
          status: 'refused',
          escalationId,
          reason: 'integration_disabled',
          message: HANDOFF_OFF_MESSAGE,
        },
      }
    : {
        ...fresh,
        state: 'queued',
        nextAttemptAt: nowIso,
        result: { status: 'queued', escalationId, reason: 'integration_disabled', retryAt: nowIso },
      };
}

/** What the chat hears once the conversation exists and is routed. */
export function escalatedResult(
  record: Routed,
  conversationUrl: (id: string) => string | null,
): EscalatedResult {
  const { routing } = record;
  return {
    status: 'escalated',
    escalationId: record.escalationId,
    customerId: record.customerId,
    conversationId: record.conversationId,
    team: routing.teamId ? { id: routing.teamId, name: routing.teamName ?? routing.teamId } : null,
    priority: routing.priority,
    conversationUrl: conversationUrl(record.conversationId),
    // Kept with the result, so a chat that learns of it later (polling) says the same.
    ...(record.availability ? { availability: record.availability } : {}),
  };
}

export function toStatus(
  record: EscalationRecord,
  conversationUrl: (id: string) => string | null,
): EscalationStatus {
  const routing = record.routing;
  return {
    escalationId: record.escalationId,
    state: record.state,
    result: record.result,
    team: routing?.teamId ? { id: routing.teamId, name: routing.teamName ?? routing.teamId } : null,
    priority: routing?.priority ?? null,
    conversationId: record.conversationId,
    conversationUrl: record.conversationId ? conversationUrl(record.conversationId) : null,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
    replies: record.replies,
    closed: record.closed,
    closedAt: record.closedAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toOutboxItem(record: EscalationRecord): OutboxItem {
  return {
    escalationId: record.escalationId,
    state: record.state,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
    lastError: record.lastError,
    createdAt: record.createdAt,
    customer: maskIdentity(record.request.customer),
    reason: record.request.reason,
    test: record.request.test ?? false,
    timelinePending: timelinePending(record),
  };
}

/**
 * The customer's later messages on an escalation record: appended once per chat message id, in
 * the order sent, and marked delivered in that order. Pure functions over the record, so every
 * store applies them atomically with updateWhere.
 */
import { createHash } from 'node:crypto';
import type { ChatMessageInput } from '../../shared/live-chat.js';
import type {
  ChatMessageRecord,
  EscalationPatch,
  EscalationRecord,
  MessageOutbox,
} from '../store.js';

/** Kustomer: a message externalId holds at most 256 characters (create-message). */
const EXTERNAL_ID_MAX = 256;

/**
 * The Kustomer externalId of a later message: escalation id and message id joined by `~`, which
 * no id may contain, so it can never equal a transcript line's `escalationId:lineId`. Two ids of
 * 128 characters would not fit: then the message id is replaced by its SHA-256, stable and unique.
 */
export function liveExternalId(escalationId: string, messageId: string): string {
  const plain = `${escalationId}~${messageId}`;
  if (plain.length <= EXTERNAL_ID_MAX) return plain;
  const digest = createHash('sha256').update(messageId).digest('base64url');
  return `${escalationId}~#${digest}`;
}

export const IDLE_OUTBOX: MessageOutbox = {
  dueAt: null,
  attempts: 0,
  mayHaveLanded: false,
  lastError: null,
};

export const chatMessagesOf = (record: EscalationRecord): ChatMessageRecord[] =>
  record.chatMessages ?? [];

export const pendingMessages = (record: EscalationRecord): ChatMessageRecord[] =>
  chatMessagesOf(record).filter((m) => m.deliveredAt === null);

export const outboxOf = (record: EscalationRecord): MessageOutbox =>
  record.messageOutbox ?? IDLE_OUTBOX;

/** The patch adding the message, or null when one with its id is there (a resend). */
export function appendMessage(
  record: EscalationRecord,
  input: ChatMessageInput,
  stored: { text: string; masked: boolean },
  nowIso: string,
): EscalationPatch | null {
  const messages = chatMessagesOf(record);
  if (messages.some((m) => m.id === input.id)) return null;
  const message: ChatMessageRecord = {
    id: input.id,
    text: stored.text,
    at: input.at,
    receivedAt: nowIso,
    masked: stored.masked,
    deliveredAt: null,
    kustomerMessageId: null,
  };
  const outbox = outboxOf(record);
  // Due now unless a failure set a later retry: a new message must not jump a backoff.
  return {
    chatMessages: [...messages, message],
    messageOutbox: { ...outbox, dueAt: outbox.dueAt ?? nowIso },
  };
}

/** Marks messages delivered (by chat message id), or null when none of them was pending. */
export function markDelivered(
  record: EscalationRecord,
  delivered: Map<string, string | null>,
  nowIso: string,
): EscalationPatch | null {
  let changed = false;
  const chatMessages = chatMessagesOf(record).map((m) => {
    if (m.deliveredAt !== null || !delivered.has(m.id)) return m;
    changed = true;
    return { ...m, deliveredAt: nowIso, kustomerMessageId: delivered.get(m.id) ?? null };
  });
  return changed ? { chatMessages } : null;
}

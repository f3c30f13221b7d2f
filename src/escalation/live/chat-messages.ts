/**
 * The customer's later messages on an escalation record: appended once per chat message id, in
 * the order sent, and marked delivered in that order. Pure functions over the record, so every
 * store applies them atomically with updateWhere.
 */
import { fitExternalId } from '../../kustomer/limits.js';
import { base64Bytes, type ChatMessageInput } from '../../shared/live-chat.js';
import type {
  ChatMessageRecord,
  EscalationPatch,
  EscalationRecord,
  MessageOutbox,
  StoredAttachment,
} from '../record.js';

/**
 * The Kustomer externalId of a later message: escalation id and message id joined by `~`, which
 * no id may contain, so it can never equal a transcript line's `escalationId:lineId`; fitted to
 * Kustomer's 256 characters like every other externalId the module derives.
 */
export function liveExternalId(escalationId: string, messageId: string): string {
  return fitExternalId(`${escalationId}~${messageId}`);
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
    ...(input.attachment ? { attachment: storedAttachment(input.attachment) } : {}),
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
    // Delivered: the file is on Kustomer, so the store stops holding its bytes.
    const attachment = m.attachment ? { attachment: { ...m.attachment, data: null } } : {};
    return {
      ...m,
      ...attachment,
      deliveredAt: nowIso,
      kustomerMessageId: delivered.get(m.id) ?? null,
    };
  });
  return changed ? { chatMessages } : null;
}

function storedAttachment(input: NonNullable<ChatMessageInput['attachment']>): StoredAttachment {
  return {
    name: input.name,
    contentType: input.contentType,
    contentLength: base64Bytes(input.data),
    data: input.data,
    kustomerId: null,
  };
}

/** Bytes of the files waiting in the store with undelivered messages. */
export const pendingAttachmentBytes = (record: EscalationRecord): number =>
  pendingMessages(record).reduce((sum, m) => sum + (m.attachment?.contentLength ?? 0), 0);

/** Records the Kustomer attachment a pending message's file was uploaded to; null if gone. */
export function markUploaded(
  record: EscalationRecord,
  messageId: string,
  kustomerId: string,
): EscalationPatch | null {
  let changed = false;
  const chatMessages = chatMessagesOf(record).map((m) => {
    if (m.id !== messageId || !m.attachment || m.attachment.kustomerId !== null) return m;
    changed = true;
    return { ...m, attachment: { ...m.attachment, kustomerId } };
  });
  return changed ? { chatMessages } : null;
}

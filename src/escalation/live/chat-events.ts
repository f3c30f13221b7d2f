/**
 * The chat's event stream, derived from the escalation record: the hand-off's phase, "agent
 * joined" before the first reply, each agent reply, messages delivered, closed and reopened.
 *
 * Every list it reads only grows (replies, delivered messages), so a position in each, with the
 * last phase and close state the chat was told, is a complete cursor. It is the SSE event id: a
 * reconnecting browser sends it back as Last-Event-ID and hears exactly what it missed — nothing
 * lost, nothing repeated — on any instance, because the cursor holds no server memory.
 */
import type { ChatEvent, ChatPhase } from '../../shared/live-chat.js';
import type { EscalationRecord } from '../record.js';
import { chatMessagesOf } from './chat-messages.js';

export interface ChatCursor {
  phase: ChatPhase | null;
  joined: boolean;
  replies: number;
  delivered: number;
  closed: boolean;
}

export const START_CURSOR: ChatCursor = {
  phase: null,
  joined: false,
  replies: 0,
  delivered: 0,
  closed: false,
};

const PHASES: ChatPhase[] = ['pending', 'queued', 'connected', 'failed'];

export function formatCursor(c: ChatCursor): string {
  const phase = c.phase === null ? 'n' : String(PHASES.indexOf(c.phase));
  return `1.${phase}.${c.joined ? 1 : 0}.${c.replies}.${c.delivered}.${c.closed ? 1 : 0}`;
}

/** A cursor from Last-Event-ID; anything unreadable starts from the beginning. */
export function parseCursor(id: string | null | undefined): ChatCursor {
  const match = /^1\.(n|[0-3])\.([01])\.(\d{1,6})\.(\d{1,6})\.([01])$/.exec(id?.trim() ?? '');
  if (!match) return START_CURSOR;
  return {
    phase: match[1] === 'n' ? null : PHASES[Number(match[1])]!,
    joined: match[2] === '1',
    replies: Number(match[3]),
    delivered: Number(match[4]),
    closed: match[5] === '1',
  };
}

export function phaseOf(record: EscalationRecord): ChatPhase {
  if (record.result?.status === 'escalated') return 'connected';
  if (record.state === 'refused') return 'failed';
  if (record.result?.status === 'queued') return 'queued';
  return 'pending';
}

export interface CursorEvent {
  id: string;
  event: ChatEvent;
}

/** What happened since `cursor`, each event with the cursor just after it. */
export function eventsSince(record: EscalationRecord, from: ChatCursor): CursorEvent[] {
  const out: CursorEvent[] = [];
  let cursor = from;
  const emit = (event: ChatEvent, next: Partial<ChatCursor>) => {
    cursor = { ...cursor, ...next };
    out.push({ id: formatCursor(cursor), event });
  };
  const phase = phaseOf(record);
  if (phase !== cursor.phase) {
    const team = record.routing?.teamName ?? null;
    emit({ type: 'status', phase, team, conversationId: record.conversationId }, { phase });
  }
  record.replies.slice(cursor.replies).forEach((reply) => {
    if (!cursor.joined)
      emit({ type: 'agent_joined', author: reply.author, at: reply.at }, { joined: true });
    emit({ type: 'reply', reply }, { replies: cursor.replies + 1 });
  });
  const delivered = chatMessagesOf(record).filter((m) => m.deliveredAt !== null);
  if (delivered.length > cursor.delivered) {
    const messageIds = delivered.slice(cursor.delivered).map((m) => m.id);
    emit({ type: 'delivered', messageIds }, { delivered: delivered.length });
  }
  if (record.closed !== cursor.closed) {
    emit(record.closed ? { type: 'closed', at: record.closedAt } : { type: 'reopened' }, {
      closed: record.closed,
    });
  }
  return out;
}

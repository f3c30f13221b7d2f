/**
 * The event stream's cursor: however the record grows and however often the browser reconnects
 * (with the last event id it saw), every reply and delivery is heard once, in order, and the last
 * status and close heard are the record's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eventsSince,
  parseCursor,
  phaseOf,
  START_CURSOR,
} from '../../../src/escalation/live/chat-events.js';
import type { EscalationRecord } from '../../../src/escalation/record.js';
import type { ChatEvent } from '../../../src/shared/live-chat.js';
import { makeRecord } from '../stores/record-factory.js';

type Step = 'reply' | 'message' | 'deliver' | 'connect' | 'close' | 'reopen' | 'reconnect';

function apply(record: EscalationRecord, step: Step, n: number): EscalationRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 10, 0, n)).toISOString();
  switch (step) {
    case 'reply':
      return {
        ...record,
        replies: [...record.replies, { id: `r${n}`, text: `reply ${n}`, at, author: 'Sam' }],
      };
    case 'message': {
      const message = { id: `c${n}`, text: `m ${n}`, at, receivedAt: at, masked: false };
      const chatMessages = [
        ...(record.chatMessages ?? []),
        { ...message, deliveredAt: null, kustomerMessageId: null },
      ];
      return { ...record, chatMessages };
    }
    case 'deliver': {
      const messages = record.chatMessages ?? [];
      const next = messages.findIndex((m) => m.deliveredAt === null);
      if (next < 0) return record;
      const chatMessages = messages.map((m, i) => (i === next ? { ...m, deliveredAt: at } : m));
      return { ...record, chatMessages };
    }
    case 'connect':
      return {
        ...record,
        state: 'done',
        conversationId: 'conv1',
        result: {
          status: 'escalated',
          escalationId: record.escalationId,
          customerId: 'cus1',
          conversationId: 'conv1',
          team: null,
          priority: 3,
          conversationUrl: null,
        },
      };
    case 'close':
      return { ...record, closed: true, closedAt: at };
    case 'reopen':
      return { ...record, closed: false, closedAt: null };
    default:
      return record;
  }
}

const steps = fc.array(
  fc.constantFrom<Step>('reply', 'message', 'deliver', 'connect', 'close', 'reopen', 'reconnect'),
  { maxLength: 40 },
);

describe('chat events', () => {
  it('hears every reply and delivery once and in order across any reconnects (property)', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        let record = makeRecord('e1');
        let lastId: string | null = null;
        const heard: ChatEvent[] = [];
        const listen = () => {
          for (const { id, event } of eventsSince(record, parseCursor(lastId))) {
            heard.push(event);
            lastId = id;
          }
        };
        listen();
        plan.forEach((step, n) => {
          record = apply(record, step, n);
          // A reconnect reads only after the change; otherwise the open stream reads at once.
          if (step === 'reconnect' || n % 3 === 0) listen();
        });
        listen();
        const replies = heard.flatMap((e) => (e.type === 'reply' ? [e.reply.id] : []));
        expect(replies).toEqual(record.replies.map((r) => r.id));
        const delivered = heard.flatMap((e) => (e.type === 'delivered' ? e.messageIds : []));
        expect(delivered).toEqual(
          (record.chatMessages ?? []).filter((m) => m.deliveredAt).map((m) => m.id),
        );
        expect(heard.filter((e) => e.type === 'agent_joined')).toHaveLength(
          record.replies.length > 0 ? 1 : 0,
        );
        const statuses = heard.filter((e) => e.type === 'status');
        expect(statuses.at(-1)).toMatchObject({ phase: phaseOf(record) });
        const closes = heard.filter((e) => e.type === 'closed' || e.type === 'reopened');
        expect(closes.at(-1)?.type ?? 'reopened').toBe(record.closed ? 'closed' : 'reopened');
      }),
    );
  });

  it('starts from the beginning on a missing or unreadable Last-Event-ID', () => {
    expect(parseCursor(null)).toEqual(START_CURSOR);
    expect(parseCursor('garbage')).toEqual(START_CURSOR);
    expect(parseCursor('1.9.0.0.0.0')).toEqual(START_CURSOR);
  });
});

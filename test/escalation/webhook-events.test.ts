/**
 * Which webhook events the module acts on, decided from Kustomer's recorded events: every event
 * of the corpus is understood or ignored (never an error), and a `kustomer.message.create` is an
 * agent reply only when a person in Kustomer wrote it to the customer and it went out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhookEvent, type WebhookEvent } from '../../src/escalation/webhook-events.js';
import { events } from '../support/kustomer-corpus.js';

const OWN_APP = 'chatbot-escalation';
const ctx = { ownApp: OWN_APP, fallbackId: 'body-hash', now: () => '2026-11-24T12:00:00.000Z' };
const corpus = events();
const byFile = (file: string) => structuredClone(corpus.find((e) => e.file === file)!.body);

/** The recorded bounced reply with some attributes changed: the same event in another state. */
function bouncedReplyWith(attributes: Record<string, unknown>): Record<string, unknown> {
  const event = byFile('recorded/pipedream-message-create-error.json');
  const data = event.data as { attributes: Record<string, unknown> };
  Object.assign(data.attributes, attributes);
  return event;
}

describe('the recorded events', () => {
  it.each(corpus.map((e) => [e.file, e] as const))(
    '%s is understood or ignored, never an error',
    (_file, payload) => {
      const parsed = parseWebhookEvent(payload.body, ctx);
      expect(['agent-reply', 'conversation-update', 'ignored']).toContain(parsed.kind);
    },
  );

  it('reads a conversation update whose relationships are null (deletedBy, lockedBy, pinnedBy)', () => {
    const parsed = parseWebhookEvent(
      byFile('recorded/kdev-conversation-update-null-relationships.json'),
      ctx,
    );
    expect(parsed).toEqual({
      kind: 'conversation-update',
      event: {
        eventId: '606b4c06c8d3037c94c24814',
        conversationId: '606b4c01c8d3034f0ec247f9',
        status: 'open',
        at: '2021-04-05T17:42:30.148Z',
      },
    });
  });

  it('reads a conversation update with tags as ids and extra relationships', () => {
    const parsed = parseWebhookEvent(byFile('recorded/pipedream-conversation-update.json'), ctx);
    expect(parsed).toMatchObject({
      kind: 'conversation-update',
      event: { conversationId: '67dd47dfbc632c1804db1bf1', status: 'open' },
    });
  });

  it('ignores events the module does not handle (customer create and update)', () => {
    for (const file of [
      'recorded/pipedream-customer-create.json',
      'recorded/docs-event-catalog-customer-update.json',
    ])
      expect(parseWebhookEvent(byFile(file), ctx).kind).toBe('ignored');
  });
});

describe('which kustomer.message.create is an agent reply', () => {
  const replyOf = (event: unknown): WebhookEvent => parseWebhookEvent(event, ctx);

  it('a failed delivery (status "error", a bounced email) is not shown', () => {
    expect(replyOf(byFile('recorded/pipedream-message-create-error.json'))).toEqual({
      kind: 'ignored',
      reason: 'delivery failed',
    });
  });

  it('the same outbound message, delivered, is a reply with its text, time and conversation', () => {
    expect(replyOf(bouncedReplyWith({ status: 'sent' }))).toEqual({
      kind: 'agent-reply',
      event: {
        eventId: '67dd47dfbc632c1804db1bf1',
        conversationId: '67dd47dfbc632c1804db1bf1',
        messageId: '67dd47dfbc632c1804db1bf1',
        text: 'message...',
        at: '2025-03-21T20:13:07.702Z',
        author: null,
      },
    });
  });

  it.each([
    ['an automated message (auto-response, survey)', { status: 'sent', auto: true }, 'automated'],
    [
      'a line this module wrote (its own app)',
      { status: 'sent', app: OWN_APP },
      'written by this module',
    ],
    ['an imported line', { status: 'sent', importedAt: '2025-03-21T20:13:07.702Z' }, 'imported'],
    ["the customer's own message", { status: 'received', direction: 'in' }, 'not outbound'],
  ])('%s is not a reply', (_name, attributes, reason) => {
    expect(replyOf(bouncedReplyWith(attributes))).toEqual({ kind: 'ignored', reason });
  });

  it('is a reply exactly when outbound, not ours, not imported, not automated, not failed', () => {
    fc.assert(
      fc.property(
        fc.record({
          direction: fc.constantFrom('in', 'out', undefined, null, 7),
          app: fc.constantFrom(OWN_APP, 'postmark', 'kustomer', undefined),
          importedAt: fc.constantFrom(undefined, null, '2025-03-21T20:13:07.702Z'),
          auto: fc.constantFrom(true, false, undefined, 'yes'),
          status: fc.constantFrom('sent', 'received', 'error', undefined),
        }),
        (attributes) => {
          const expected =
            attributes.direction === 'out' &&
            attributes.app !== OWN_APP &&
            !attributes.importedAt &&
            attributes.auto !== true &&
            attributes.status !== 'error';
          expect(replyOf(bouncedReplyWith(attributes)).kind === 'agent-reply').toBe(expected);
        },
      ),
    );
  });

  it('takes the event id from the body hash when Kustomer sent none', () => {
    const event = bouncedReplyWith({ status: 'sent' });
    delete event.id;
    expect(replyOf(event)).toMatchObject({ event: { eventId: 'body-hash' } });
  });
});

/**
 * Later chat messages over real HTTP against the sandbox: each lands once, live (direction in, no
 * importedAt), in order, on the escalation's conversation, whatever Kustomer does in between.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { liveExternalId } from '../../../src/escalation/live/chat-messages.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { escalationRequest } from '../helpers/requests.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

let seq = 0;
const message = (text: string) => ({
  id: `c${++seq}`,
  text,
  at: new Date(Date.now() + seq).toISOString(),
});

/** The live messages on the sandbox conversation, in the order they landed. */
function liveOn(h: Harness, conversationId: string) {
  return h.sandbox
    .state()
    .messages.filter((m) => m.conversationId === conversationId && m.externalId?.includes('~'));
}

async function escalated(h: Harness) {
  const request = escalationRequest();
  const result = await h.service.escalate(request);
  if (result.status !== 'escalated') throw new Error(`not escalated: ${result.status}`);
  return { request, conversationId: result.conversationId };
}

describe('later chat messages', () => {
  it('lands each message once, live and in order, on the escalation conversation', async () => {
    const h = (harness = await createHarness());
    const { request, conversationId } = await escalated(h);
    const sent = [message('first'), message('second'), message('third')];
    for (const m of sent) {
      const result = await h.service.chat.send(request.escalationId, request.sessionId, m);
      expect(result).toMatchObject({ status: 'delivered', messageId: m.id, masked: false });
    }
    // A resend (the chat retrying after a lost answer) is answered, not sent again.
    await h.service.chat.send(request.escalationId, request.sessionId, sent[1]!);
    const landed = liveOn(h, conversationId);
    expect(landed.map((m) => m.preview)).toEqual(['first', 'second', 'third']);
    expect(landed.every((m) => m.direction === 'in' && m.importedAt === null)).toBe(true);
    expect(landed.map((m) => m.externalId)).toEqual(
      sent.map((m) => liveExternalId(request.escalationId, m.id)),
    );
  });

  it('answers null for another chat session and writes nothing', async () => {
    const h = (harness = await createHarness());
    const { request, conversationId } = await escalated(h);
    const result = await h.service.chat.send(request.escalationId, 'someone-else', message('x'));
    expect(result).toBeNull();
    expect(liveOn(h, conversationId)).toHaveLength(0);
    expect((await h.store.records.get(request.escalationId))?.chatMessages ?? []).toHaveLength(0);
  });

  it('queues messages while Kustomer is down and delivers them in order, once, after', async () => {
    const h = (harness = await createHarness());
    const { request, conversationId } = await escalated(h);
    h.sandbox.setFaults({ outageUntil: h.now() + 60_000 });
    const sent = [message('one'), message('two'), message('three')];
    for (const m of sent) {
      expect(await h.service.chat.send(request.escalationId, request.sessionId, m)).toMatchObject({
        status: 'queued',
      });
    }
    expect(liveOn(h, conversationId)).toHaveLength(0);
    h.advance(61_000);
    h.sandbox.clearFaults();
    const report = await h.service.drain();
    expect(report.messagesDelivered).toBe(3);
    expect(liveOn(h, conversationId).map((m) => m.preview)).toEqual(['one', 'two', 'three']);
    expect(await h.store.records.messagesDue(new Date(h.now() + 3_600_000), 10)).toHaveLength(0);
  });

  it('after a reset once the message committed, looks it up instead of sending it again', async () => {
    const h = (harness = await createHarness());
    const { request, conversationId } = await escalated(h);
    h.sandbox.setFaults({
      resetAfterCommitRate: 1,
      match: '^POST /v1/conversations/[0-9a-f]+/messages$',
    });
    const first = message('landed but unanswered');
    expect(await h.service.chat.send(request.escalationId, request.sessionId, first)).toMatchObject(
      { status: 'queued' },
    );
    h.sandbox.clearFaults();
    const second = message('after the reset');
    await h.service.chat.send(request.escalationId, request.sessionId, second);
    h.advance(120_000);
    await h.service.drain();
    expect(liveOn(h, conversationId).map((m) => m.preview)).toEqual([
      'landed but unanswered',
      'after the reset',
    ]);
  });

  it('keeps a message sent before the escalation is delivered until the conversation exists', async () => {
    const h = (harness = await createHarness());
    const request = escalationRequest();
    h.sandbox.setFaults({ outageUntil: h.now() + 30_000 });
    expect((await h.service.escalate(request)).status).toBe('queued');
    const early = message('typed while waiting');
    expect(await h.service.chat.send(request.escalationId, request.sessionId, early)).toMatchObject(
      { status: 'queued', reason: 'awaiting_escalation' },
    );
    h.sandbox.clearFaults();
    h.advance(61_000);
    const report = await h.service.drain();
    expect(report.delivered).toBe(1);
    expect(report.messagesDelivered).toBe(1);
    const record = await h.store.records.get(request.escalationId);
    expect(liveOn(h, record!.conversationId!).map((m) => m.preview)).toEqual([
      'typed while waiting',
    ]);
  });

  it('reopens a conversation the agent marked done, as a customer reply does in Kustomer', async () => {
    const h = (harness = await createHarness());
    const { request, conversationId } = await escalated(h);
    await h.sandbox.closeConversation(conversationId);
    await h.service.chat.send(request.escalationId, request.sessionId, message('one more thing'));
    const conversation = h.sandbox.state().conversations.find((c) => c.id === conversationId);
    expect(conversation?.status).toBe('open');
  });

  it('masks a card number before it is stored or sent, and says so', async () => {
    const h = (harness = await createHarness());
    const { request, conversationId } = await escalated(h);
    const result = await h.service.chat.send(
      request.escalationId,
      request.sessionId,
      message('my card is 4111 1111 1111 1111, order 1234567890123'),
    );
    expect(result).toMatchObject({
      masked: true,
      text: 'my card is •••• •••• •••• 1111, order 1234567890123',
    });
    expect(liveOn(h, conversationId)[0]?.preview).toBe(result?.text);
    expect(JSON.stringify(await h.store.records.get(request.escalationId))).not.toContain(
      '4111 1111',
    );
  });

  it('masks card numbers in the transcript and the note before the escalation is stored or sent', async () => {
    const h = (harness = await createHarness());
    const request = escalationRequest({
      transcript: [
        {
          id: 't1',
          role: 'user',
          text: 'Charge on 5555-5555-5555-4444 twice',
          at: '2026-03-01T10:00:00Z',
        },
      ],
      summary: 'Customer pasted card 5555555555554444; order 1234567890123.',
    });
    const result = await h.service.escalate(request);
    expect(result.status).toBe('escalated');
    await h.service.idle(); // the transcript and note follow the answer
    const state = h.sandbox.state();
    const everything = JSON.stringify([state.messages, state.notes]);
    expect(everything).toContain('••••-••••-••••-4444');
    expect(everything).toContain('order 1234567890123');
    expect(everything).not.toMatch(/5555-?5555-?5555/);
    expect(JSON.stringify(await h.store.records.get(request.escalationId))).not.toMatch(
      /5555-?5555-?5555/,
    );
  });
});

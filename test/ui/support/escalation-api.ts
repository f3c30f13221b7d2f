/** POST /api/escalations and GET /api/escalations/:id in msw, with what the chat sent. */
import { http, HttpResponse } from 'msw';
import {
  escalationStatusSchema,
  type AgentReply,
  type EscalationResult,
  type EscalationStatus,
} from '../../../src/shared/escalation.js';
import { BILLING } from './fixtures.js';
import { server } from './server.js';

export interface SentEscalation {
  escalationId: string;
  sessionId: string;
  customer: { email: string };
  reason: string;
  intent?: string;
  summary?: string;
  transcript: { id: string; role: string; text: string }[];
}

export const escalated = (escalationId: string): EscalationResult => ({
  status: 'escalated',
  escalationId,
  customerId: 'cus1',
  conversationId: '65a1b2c3d4e5f6a7b8c9d0e1',
  team: BILLING,
  priority: 4,
  conversationUrl: null,
});

export const queued = (escalationId: string): EscalationResult => ({
  status: 'queued',
  escalationId,
  reason: 'kustomer_unavailable',
  retryAt: '2026-01-01T10:05:00.000Z',
});

const HTTP_STATUS = { escalated: 201, queued: 202, refused: 503 } as const;

/** Answers each POST with the next of `answers` (a result, or a Response for an error). */
export function serveEscalations(
  ...answers: ((escalationId: string, body: SentEscalation) => EscalationResult | Response)[]
) {
  const sent: SentEscalation[] = [];
  server.use(
    http.post('/api/escalations', async ({ request }) => {
      const body = (await request.json()) as SentEscalation;
      sent.push(body);
      const answer = answers[Math.min(sent.length, answers.length) - 1]!(body.escalationId, body);
      if (answer instanceof Response) return answer;
      return HttpResponse.json(answer, { status: HTTP_STATUS[answer.status] });
    }),
  );
  return sent;
}

export const reply = (id: string, text: string): AgentReply => ({
  id,
  text,
  at: '2026-01-01T10:01:00.000Z',
  author: 'Dana (Billing)',
});

/** Answers each poll with the next state; the last one repeats. */
export function serveEscalationStatus(...states: ((id: string) => Partial<EscalationStatus>)[]) {
  let polls = 0;
  server.use(
    http.get('/api/escalations/:id', ({ params, request }) => {
      const id = String(params.id);
      // As the server: no sessionId, no status.
      if (!new URL(request.url).searchParams.get('sessionId'))
        return HttpResponse.json(
          { error: { code: 'validation_failed', message: 'sessionId is required' } },
          { status: 400 },
        );
      const state = states[Math.min(polls++, states.length - 1)]!(id);
      return HttpResponse.json(
        escalationStatusSchema.parse({
          escalationId: id,
          state: 'done',
          result: escalated(id),
          team: BILLING,
          priority: 4,
          conversationId: '65a1b2c3d4e5f6a7b8c9d0e1',
          conversationUrl: null,
          attempts: 1,
          nextAttemptAt: null,
          replies: [],
          closed: false,
          closedAt: null,
          createdAt: '2026-01-01T10:00:00.000Z',
          updatedAt: '2026-01-01T10:00:00.000Z',
          ...state,
        }),
      );
    }),
  );
  return { polls: () => polls };
}

export interface SentChatMessage {
  id: string;
  text: string;
  at: string;
  sessionId: string | null;
  attachment?: { name: string; contentType: string; data: string };
}

/**
 * POST /api/escalations/:id/messages, answered as the server does: 201 delivered, 202 queued, or
 * an error status; `mask` stands in for the server's masking.
 */
export function serveChatMessages(
  answer: (body: SentChatMessage) => 'delivered' | 'queued' | number = () => 'delivered',
  mask: (text: string) => string = (text) => text,
) {
  const sent: SentChatMessage[] = [];
  server.use(
    http.post('/api/escalations/:id/messages', async ({ request }) => {
      const body = (await request.json()) as Omit<SentChatMessage, 'sessionId'>;
      const message = { ...body, sessionId: new URL(request.url).searchParams.get('sessionId') };
      sent.push(message);
      const outcome = answer(message);
      if (typeof outcome === 'number')
        return HttpResponse.json(
          { error: { code: 'unavailable', message: 'try again' } },
          { status: outcome },
        );
      const text = mask(body.text);
      return HttpResponse.json(
        {
          status: outcome,
          messageId: body.id,
          text,
          masked: text !== body.text,
          reason: outcome === 'queued' ? 'kustomer_unavailable' : null,
        },
        { status: outcome === 'delivered' ? 201 : 202 },
      );
    }),
  );
  return sent;
}

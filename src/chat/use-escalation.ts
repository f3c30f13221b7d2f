/**
 * The escalation's life in the chat, with plain fetch so the button's chunk stays small. One
 * escalationId per attempt, reused by Retry, so a double click or a retry never makes two.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AgentReply,
  EscalationReason,
  EscalationResult,
  EscalationStatus,
  TranscriptEntry,
} from '../shared/escalation.js';
import { newId } from './new-id.js';

export type EscalationPhase =
  | { phase: 'idle' }
  | { phase: 'escalating' }
  | { phase: 'done'; result: EscalationResult }
  | { phase: 'error'; message: string };

export interface EscalationInput {
  sessionId: string;
  email: string;
  name?: string;
  reason: EscalationReason;
  intent?: string;
  summary?: string;
  transcript: TranscriptEntry[];
}

export interface EscalationCallbacks {
  onReply: (reply: AgentReply) => void;
  onClosed: () => void;
  /** An agent has the conversation (now, or later once a queued escalation is delivered). */
  onConnected?: (result: EscalationResult) => void;
}

export interface EscalationOptions {
  /** How often the chat asks for agent replies. @default 3000 */
  pollMs?: number;
}

interface ErrorBody {
  error?: { message?: string; fields?: Record<string, string> };
}

async function post(body: unknown): Promise<EscalationResult> {
  let response: Response;
  try {
    response = await fetch('/api/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error('Could not reach the server. Check your connection.');
  }
  const data = (await response.json().catch(() => null)) as (EscalationResult & ErrorBody) | null;
  // 503 carries a result too: the integration refused (switched off).
  if (data && 'status' in data && (response.ok || response.status === 503)) return data;
  const fields = data?.error?.fields ? Object.values(data.error.fields).join('; ') : '';
  throw new Error(
    response.status === 429
      ? 'Too many requests: please wait a minute and try again.'
      : fields || data?.error?.message || `The server answered ${response.status}.`,
  );
}

const toBody = (escalationId: string, input: EscalationInput) => ({
  escalationId,
  sessionId: input.sessionId,
  customer: { email: input.email, ...(input.name ? { name: input.name } : {}) },
  transcript: input.transcript,
  reason: input.reason,
  ...(input.intent ? { intent: input.intent } : {}),
  ...(input.summary ? { summary: input.summary } : {}),
});

export function useEscalation(callbacks: EscalationCallbacks, options: EscalationOptions = {}) {
  const [state, setState] = useState<EscalationPhase>({ phase: 'idle' });
  // The status endpoint answers only the chat session that escalated.
  const [sessionId, setSessionId] = useState<string | null>(null);
  const idRef = useRef<string | null>(null);
  const inFlight = useRef(false);
  const lastInput = useRef<EscalationInput | null>(null);
  // The latest callbacks, so the poller started for one escalation never calls stale ones.
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });

  const settle = useCallback((result: EscalationResult) => {
    setState({ phase: 'done', result });
    if (result.status === 'escalated') latest.current.onConnected?.(result);
  }, []);

  const escalate = useCallback(
    async (input: EscalationInput) => {
      // A ref, not state: two clicks in the same frame both see the first one in flight.
      if (inFlight.current) return;
      inFlight.current = true;
      lastInput.current = input;
      idRef.current ??= newId();
      setSessionId(input.sessionId);
      setState({ phase: 'escalating' });
      try {
        settle(await post(toBody(idRef.current, input)));
      } catch (error) {
        setState({
          phase: 'error',
          message: error instanceof Error ? error.message : 'Something went wrong.',
        });
      } finally {
        inFlight.current = false;
      }
    },
    [settle],
  );

  /** Sends the last attempt again, with the same escalationId: the server answers it once. */
  const retry = useCallback(() => {
    if (lastInput.current) void escalate(lastInput.current);
  }, [escalate]);

  const tracked =
    state.phase === 'done' && state.result.status !== 'refused' && sessionId
      ? { escalationId: state.result.escalationId, sessionId }
      : null;
  const trackedStatus = state.phase === 'done' ? state.result.status : null;
  usePoll(tracked, trackedStatus, options.pollMs ?? 3000, latest, settle);

  return { state, escalate, retry };
}

/** Polls GET /api/escalations/:id for agent replies, delivery of a queued one, and the close. */
function usePoll(
  tracked: { escalationId: string; sessionId: string } | null,
  status: string | null,
  pollMs: number,
  latest: { current: EscalationCallbacks },
  settle: (result: EscalationResult) => void,
) {
  const seen = useRef(new Set<string>());
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);
  const escalationId = tracked?.escalationId ?? null;
  const sessionId = tracked?.sessionId ?? null;
  useEffect(() => {
    if (!escalationId || !sessionId) return;
    let stopped = false;
    const poll = async () => {
      const query = new URLSearchParams({ sessionId });
      const response = await fetch(
        `/api/escalations/${encodeURIComponent(escalationId)}?${query}`,
      ).catch(() => null);
      // The server no longer has it (deleted after the retention period): nothing will come.
      if (response?.status === 404) stop();
      // A failed poll is not the customer's problem: the next one tries again.
      if (stopped || !response?.ok) return;
      const found = (await response.json().catch(() => null)) as EscalationStatus | null;
      if (stopped || !found) return;
      for (const reply of found.replies ?? []) {
        if (seen.current.has(reply.id)) continue;
        seen.current.add(reply.id);
        latest.current.onReply(reply);
      }
      if (found.result && found.result.status !== statusRef.current) {
        statusRef.current = found.result.status;
        settle(found.result);
      }
      if (found.closed) {
        stop();
        latest.current.onClosed();
      }
    };
    const timer = setInterval(() => void poll(), pollMs);
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    void poll();
    return stop;
  }, [escalationId, sessionId, pollMs, latest, settle]);
}

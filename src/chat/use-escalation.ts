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

interface ErrorBody {
  error?: { message?: string; fields?: Record<string, string> };
}

const POLL_MS = 3000;

async function post(body: unknown): Promise<EscalationResult> {
  const response = await fetch('/api/escalations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => null)) as (EscalationResult & ErrorBody) | null;
  if (data && 'status' in data && (response.ok || response.status === 503)) return data;
  const fields = data?.error?.fields ? Object.values(data.error.fields).join('; ') : '';
  throw new Error(
    response.status === 429
      ? 'Too many requests: please wait a minute and try again.'
      : fields || data?.error?.message || `The server answered ${response.status}.`,
  );
}

export function useEscalation(onReply: (reply: AgentReply) => void, onClosed: () => void) {
  const [state, setState] = useState<EscalationPhase>({ phase: 'idle' });
  const idRef = useRef<string | null>(null);
  const inFlight = useRef(false);
  const seen = useRef(new Set<string>());

  const escalate = useCallback(async (input: EscalationInput) => {
    if (inFlight.current) return;
    inFlight.current = true;
    idRef.current ??= crypto.randomUUID();
    setState({ phase: 'escalating' });
    try {
      const result = await post({
        escalationId: idRef.current,
        sessionId: input.sessionId,
        customer: { email: input.email, ...(input.name ? { name: input.name } : {}) },
        transcript: input.transcript,
        reason: input.reason,
        ...(input.intent ? { intent: input.intent } : {}),
        ...(input.summary ? { summary: input.summary } : {}),
      });
      setState({ phase: 'done', result });
    } catch (error) {
      setState({
        phase: 'error',
        message: error instanceof Error ? error.message : 'Something went wrong.',
      });
    } finally {
      inFlight.current = false;
    }
  }, []);

  const done =
    state.phase === 'done' && state.result.status !== 'refused' ? state.result.escalationId : null;
  useEffect(() => {
    if (!done) return;
    let stopped = false;
    const poll = async () => {
      const response = await fetch(`/api/escalations/${encodeURIComponent(done)}`).catch(
        () => null,
      );
      if (stopped || !response?.ok) return;
      const status = (await response.json()) as EscalationStatus;
      for (const reply of status.replies) {
        if (seen.current.has(reply.id)) continue;
        seen.current.add(reply.id);
        onReply(reply);
      }
      if (
        status.result &&
        status.result.status !== (state.phase === 'done' ? state.result.status : '')
      )
        setState({ phase: 'done', result: status.result });
      if (status.closed) {
        stopped = true;
        onClosed();
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one poller per delivered escalation
  }, [done]);

  const reset = useCallback(() => {
    idRef.current = null;
    seen.current.clear();
    setState({ phase: 'idle' });
  }, []);

  return { state, escalate, reset };
}

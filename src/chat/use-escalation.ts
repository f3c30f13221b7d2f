/**
 * The escalation's life in the chat, with plain fetch so the button's chunk stays small. One
 * escalationId per attempt, reused by Retry, so a double click or a retry never makes two.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FollowUp } from '../shared/availability.js';
import type { EscalationReason, EscalationResult, TranscriptEntry } from '../shared/escalation.js';
import { useApiBase } from '../lib/api-base.js';
import { newId } from './new-id.js';
import { useLiveEvents, type LiveCallbacks } from './use-live-events.js';

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
  /** The customer's choice when nobody can answer now and the admin lets them choose. */
  followUp?: FollowUp;
}

export interface EscalationCallbacks extends LiveCallbacks {
  /** An agent has the conversation (now, or later once a queued escalation is delivered). */
  onConnected?: (result: EscalationResult) => void;
  /** Every outcome the chat learns of: escalated, queued (and later escalated), refused. */
  onResult?: (result: EscalationResult, email: string) => void;
}

export interface EscalationOptions {
  /** How often the chat asks for agent replies. @default 3000 */
  pollMs?: number;
  /** Where the API is mounted. @default the ApiBaseContext's, '/api' */
  apiBase?: string;
}

interface ErrorBody {
  error?: { message?: string; fields?: Record<string, string> };
}

async function post(base: string, body: unknown): Promise<EscalationResult> {
  let response: Response;
  try {
    response = await fetch(`${base}/escalations`, {
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
  ...(input.followUp ? { followUp: input.followUp } : {}),
});

export function useEscalation(callbacks: EscalationCallbacks, options: EscalationOptions = {}) {
  const base = useApiBase(options.apiBase);
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
    latest.current.onResult?.(result, lastInput.current?.email ?? '');
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
        settle(await post(base, toBody(idRef.current, input)));
      } catch (error) {
        setState({
          phase: 'error',
          message: error instanceof Error ? error.message : 'Something went wrong.',
        });
      } finally {
        inFlight.current = false;
      }
    },
    [settle, base],
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
  useLiveEvents(tracked, trackedStatus, options.pollMs ?? 3000, latest, settle, base);

  return { state, escalate, retry };
}

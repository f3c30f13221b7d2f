/**
 * "Talk to a human": asks for an email when the chat does not know one, and optionally why,
 * then escalates and tells the customer honestly what happened. Its own chunk: host apps can
 * lazy-load it without the rest of the app.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AgentReply, EscalationReason, TranscriptEntry } from '../shared/escalation.js';
import { useEscalation } from './use-escalation.js';

export interface EscalationButtonProps {
  sessionId: string;
  transcript: TranscriptEntry[];
  knownEmail?: string | null;
  reason?: EscalationReason;
  intent?: string;
  summary?: string;
  onReply: (reply: AgentReply) => void;
  onClosed: () => void;
  onEscalated?: (email: string) => void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REASONS: [EscalationReason, string][] = [
  ['user_requested', 'I just want to talk to a person'],
  ['low_confidence', "The bot didn't understand me"],
  ['negative_sentiment', "I'm not happy with the answers"],
];

export default function EscalationButton(props: EscalationButtonProps) {
  const { state, escalate } = useEscalation(props.onReply, props.onClosed);
  const [asking, setAsking] = useState(false);
  const [email, setEmail] = useState(props.knownEmail ?? '');
  const [reason, setReason] = useState<EscalationReason>(props.reason ?? 'user_requested');
  const [emailError, setEmailError] = useState<string | null>(null);
  const id = useId();

  const start = (address: string) => {
    props.onEscalated?.(address);
    void escalate({
      sessionId: props.sessionId,
      email: address,
      reason,
      transcript: props.transcript,
      ...(props.intent ? { intent: props.intent } : {}),
      ...(props.summary ? { summary: props.summary } : {}),
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setEmailError('Enter an email address so the team can reply, e.g. you@example.com');
      return;
    }
    setEmailError(null);
    setAsking(false);
    start(email.trim());
  };

  if (state.phase === 'escalating') {
    return (
      <div className="escalation" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> Connecting you with a person…
      </div>
    );
  }
  if (state.phase === 'done') {
    const r = state.result;
    return (
      <div className="escalation" role="status" aria-live="polite">
        {r.status === 'escalated' && (
          <p className="ok">
            You're connected with {r.team ? `the ${r.team.name} team` : 'our support team'}.
            Reference: <code>{r.conversationId.slice(-8)}</code>. An agent will reply here.
          </p>
        )}
        {r.status === 'queued' && (
          <p className="warn">
            Support is unavailable right now; we've saved your request and will follow up at {email}
            .
          </p>
        )}
        {r.status === 'refused' && (
          <p className="warn">Talking to a person isn't available right now. {r.message}</p>
        )}
      </div>
    );
  }
  if (asking) {
    return (
      <form className="escalation" onSubmit={submit} noValidate aria-label="Talk to a human">
        <label htmlFor={`${id}-email`}>Your email, so the team can reply</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? `${id}-error` : undefined}
          autoFocus
        />
        {emailError && (
          <p className="error" id={`${id}-error`} role="alert">
            {emailError}
          </p>
        )}
        <label htmlFor={`${id}-reason`}>Why? (optional)</label>
        <select
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value as EscalationReason)}
        >
          {REASONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <div className="actions">
          <button type="submit" className="primary">
            Connect me
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="escalation">
      {state.phase === 'error' && (
        <p className="error" role="alert">
          We couldn't reach support: {state.message}
        </p>
      )}
      <button
        type="button"
        className="primary"
        onClick={() =>
          props.knownEmail && EMAIL.test(props.knownEmail)
            ? start(props.knownEmail)
            : setAsking(true)
        }
      >
        {state.phase === 'error' ? 'Try again' : 'Talk to a human'}
      </button>
    </div>
  );
}

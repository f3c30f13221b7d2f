/**
 * "Talk to a human": asks for an email when the chat does not know one, and optionally why,
 * then escalates and tells the customer honestly what happened. Its own chunk: host apps can
 * lazy-load it without the rest of the app.
 */
import { useEffect, useRef, useState } from 'react';
import type {
  AgentReply,
  EscalationReason,
  EscalationResult,
  TranscriptEntry,
} from '../shared/escalation.js';
import type { FollowUp, PublicAvailability } from '../shared/availability.js';
import { HANDOFF_OFF_MESSAGE } from '../shared/handoff.js';
import { availabilityHint, fetchAvailability, nobodyThere } from './availability-text.js';
import { FollowUpChoice } from './follow-up-choice.js';
import { outcomeText } from './outcome-text.js';
import { EmailPrompt } from './email-prompt.js';
import { useApiBase } from '../lib/api-base.js';
import { fetchHandoff } from './handoff.js';
import { isEmail } from './email.js';
import { useEscalation } from './use-escalation.js';

export interface EscalationButtonProps {
  sessionId: string;
  transcript: TranscriptEntry[];
  /** The customer's email when the chat already knows it: no prompt then. */
  knownEmail?: string | null;
  /** Why the bot thinks a person should take over; the customer may say otherwise. */
  reason?: EscalationReason;
  intent?: string;
  summary?: string;
  onReply: (reply: AgentReply) => void;
  onClosed: () => void;
  /** An agent has the conversation: the chat stops the bot answering. */
  onConnected?: (result: EscalationResult) => void;
  /** How often to ask for agent replies where no event stream is possible. @default 3000 */
  pollMs?: number;
  onAgentJoined?: (author: string | null) => void;
  onDelivered?: (messageIds: string[]) => void;
  /** Every outcome: escalated, queued (and escalated later), refused. */
  onResult?: (result: EscalationResult, email: string) => void;
  /** The host shows the outcome itself (as events in its message list). @default false */
  hideOutcome?: boolean;
  /** Each new value acts as a press of "Talk to a human" (the bot's own offer in the chat). */
  startSignal?: number;
  /** Where the API is mounted (the server's `prefix`). @default the ApiBaseContext's, '/api' */
  apiBase?: string;
}

export default function EscalationButton(props: EscalationButtonProps) {
  const { state, escalate, retry } = useEscalation(
    {
      onReply: props.onReply,
      onClosed: props.onClosed,
      ...(props.onConnected ? { onConnected: props.onConnected } : {}),
      ...(props.onAgentJoined ? { onAgentJoined: props.onAgentJoined } : {}),
      ...(props.onDelivered ? { onDelivered: props.onDelivered } : {}),
      ...(props.onResult ? { onResult: props.onResult } : {}),
    },
    {
      ...(props.pollMs ? { pollMs: props.pollMs } : {}),
      ...(props.apiBase ? { apiBase: props.apiBase } : {}),
    },
  );
  const base = useApiBase(props.apiBase);
  const [asking, setAsking] = useState(false);
  const [email, setEmail] = useState('');
  const talkRef = useRef<HTMLButtonElement>(null);
  // Who can answer now, said before the hand-off; null until known or when the server cannot say.
  const [availability, setAvailability] = useState<PublicAvailability | null>(null);
  useEffect(() => {
    let live = true;
    void fetchAvailability().then((a) => live && setAvailability(a));
    return () => {
      live = false;
    };
  }, []);
  // Out of hours with the choice left to the customer: what they asked, waiting for their pick.
  const [choosing, setChoosing] = useState<{ address: string; reason: EscalationReason | null }>();
  const start = (address: string, reason: EscalationReason | null, followUp?: FollowUp) => {
    setEmail(address);
    if (!followUp && availability?.outOfHours === 'ask' && nobodyThere(availability))
      return setChoosing({ address, reason });
    setChoosing(undefined);
    void escalate({
      sessionId: props.sessionId,
      email: address,
      reason: reason ?? props.reason ?? 'user_requested',
      transcript: props.transcript,
      ...(props.intent ? { intent: props.intent } : {}),
      ...(props.summary ? { summary: props.summary } : {}),
      ...(followUp ? { followUp } : {}),
    });
  };

  const known = props.knownEmail && isEmail(props.knownEmail) ? props.knownEmail : null;
  const [off, setOff] = useState<EscalationResult | null>(null);
  const press = () => {
    if (state.phase === 'error') retry();
    else if (known) start(known, null);
    else
      // Switched off and refusing: say so at once instead of asking for an unused email.
      void fetchHandoff(base).then((handoff) => {
        if (handoff !== 'off') return setAsking(true);
        const refused: EscalationResult = {
          status: 'refused',
          escalationId: '',
          reason: 'integration_disabled',
          message: HANDOFF_OFF_MESSAGE,
        };
        setOff(refused);
        props.onResult?.(refused, '');
      });
  };
  const pressRef = useRef(press);
  useEffect(() => {
    pressRef.current = press;
  });
  const handled = useRef(props.startSignal);
  useEffect(() => {
    if (props.startSignal === handled.current) return;
    handled.current = props.startSignal;
    if (state.phase === 'idle' || state.phase === 'error') pressRef.current();
  }, [props.startSignal, state.phase]);

  if (state.phase === 'escalating') {
    return (
      <div className="escalation" role="status" aria-live="polite">
        <p>
          <span className="spinner" aria-hidden="true" /> Connecting you with a person…
        </p>
      </div>
    );
  }
  if (state.phase === 'done')
    return props.hideOutcome ? null : <Outcome result={state.result} email={email} />;
  if (off) return props.hideOutcome ? null : <Outcome result={off} email="" />;
  if (choosing)
    return (
      <FollowUpChoice
        hint={availabilityHint(availability)}
        email={choosing.address}
        onChoose={(followUp) => start(choosing.address, choosing.reason, followUp)}
      />
    );
  if (asking) {
    return (
      <EmailPrompt
        initialEmail={email || props.knownEmail || ''}
        onSubmit={(address, reason) => {
          setAsking(false);
          start(address, reason);
        }}
        onCancel={() => {
          setAsking(false);
          // Back to the button that opened the prompt, once it is rendered again.
          queueMicrotask(() => talkRef.current?.focus());
        }}
      />
    );
  }
  return (
    <div className="escalation">
      {state.phase === 'error' && (
        <p className="error" role="alert">
          We couldn't reach support: {state.message}
        </p>
      )}
      <button ref={talkRef} type="button" className="primary" onClick={press}>
        {state.phase === 'error' ? 'Try again' : 'Talk to a human'}
      </button>
      {availabilityHint(availability) && (
        <p className="availability-hint">{availabilityHint(availability)}</p>
      )}
    </div>
  );
}

function Outcome({ result, email }: { result: EscalationResult; email: string }) {
  return (
    <div className="escalation" role="status" aria-live="polite">
      <p className={result.status === 'escalated' ? 'ok' : 'warn'}>{outcomeText(result, email)}</p>
    </div>
  );
}

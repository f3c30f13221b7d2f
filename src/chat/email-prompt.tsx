/** The escalation's one question: where the team can reply, and (optionally) why. */
import { useId, useState, type FormEvent } from 'react';
import type { EscalationReason } from '../shared/escalation.js';
import { isEmail } from './email.js';

const REASONS: [EscalationReason, string][] = [
  ['user_requested', 'I just want to talk to a person'],
  ['low_confidence', "The bot didn't understand me"],
  ['negative_sentiment', "I'm not happy with the answers"],
];

export function EmailPrompt({
  initialEmail,
  onSubmit,
  onCancel,
}: {
  initialEmail: string;
  /** reason is null when the customer skipped the question. */
  onSubmit: (email: string, reason: EscalationReason | null) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [email, setEmail] = useState(initialEmail);
  const [reason, setReason] = useState<EscalationReason | ''>('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isEmail(email)) {
      setError('Enter an email address so the team can reply, e.g. you@example.com');
      return;
    }
    onSubmit(email.trim(), reason || null);
  };
  return (
    <form className="escalation" onSubmit={submit} noValidate aria-label="Talk to a human">
      <label htmlFor={`${id}-email`}>Your email, so the team can reply</label>
      <input
        id={`${id}-email`}
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus
      />
      {error && (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <label htmlFor={`${id}-reason`}>Why? (optional)</label>
      <select
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value as EscalationReason | '')}
      >
        <option value="">Skip this question</option>
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
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

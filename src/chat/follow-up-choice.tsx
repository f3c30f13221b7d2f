/**
 * Out of hours (or with nobody available) when the admin lets the customer choose: a reply by
 * email, or waiting here for the next agent. Either way the request goes to the team now.
 */
import { useEffect, useRef } from 'react';
import type { FollowUp } from '../shared/availability.js';
import { maskEmail } from '../shared/opening-time.js';

export function FollowUpChoice(props: {
  hint: string | null;
  email: string;
  onChoose: (followUp: FollowUp) => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  // The choice replaces the button the customer pressed: focus moves to it.
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="escalation" role="group" aria-labelledby="follow-up-question">
      <p id="follow-up-question">
        {props.hint ?? 'Nobody can answer right now.'} How would you like us to answer?
      </p>
      <div className="choice-buttons">
        <button
          ref={first}
          type="button"
          className="primary"
          onClick={() => props.onChoose('email')}
        >
          Reply by email to {maskEmail(props.email)}
        </button>
        <button type="button" onClick={() => props.onChoose('chat')}>
          Wait here for an agent
        </button>
      </div>
    </div>
  );
}

/**
 * The sandbox's business hours and agents: close the business (office hours and a holiday over
 * today) or take every agent offline, to see what the chat tells a customer then.
 */
export interface SandboxAvailabilityView {
  businessClosed: boolean;
  agentsOnline: boolean;
  waitSeconds: number;
}

export function SandboxAvailabilityControls(props: {
  availability: SandboxAvailabilityView;
  pending: boolean;
  onChange: (patch: { businessClosed?: boolean; agentsOnline?: boolean }) => void;
}) {
  const { businessClosed, agentsOnline, waitSeconds } = props.availability;
  const summary = businessClosed
    ? 'Closed: a holiday today, then Monday to Friday 8:00-17:00 (America/New_York).'
    : agentsOnline
      ? `Open around the clock; agents online, latest wait ${Math.ceil(waitSeconds / 60)} min.`
      : 'Open around the clock; no agent online.';
  return (
    <div className="actions" role="group" aria-labelledby="sandbox-availability-heading">
      <h4 id="sandbox-availability-heading">Business hours and agents</h4>
      <button
        type="button"
        aria-pressed={businessClosed}
        disabled={props.pending}
        onClick={() => props.onChange({ businessClosed: !businessClosed })}
      >
        {businessClosed ? 'Open the business' : 'Close the business'}
      </button>
      <button
        type="button"
        aria-pressed={!agentsOnline}
        disabled={props.pending}
        onClick={() => props.onChange({ agentsOnline: !agentsOnline })}
      >
        {agentsOnline ? 'Take agents offline' : 'Bring agents online'}
      </button>
      <span aria-live="polite">{summary}</span>
    </div>
  );
}

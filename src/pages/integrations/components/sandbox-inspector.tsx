/** What landed in the embedded sandbox, with a simulated outage and an agent's reply or close. */
import { useSandboxAction, useSandboxState } from '../api/sandbox.js';
import { SandboxAvailabilityControls } from './sandbox-availability.js';
import { SandboxConversation } from './sandbox-conversation.js';
import { SandboxSlaControl } from './sandbox-sla-control.js';

export function SandboxInspector() {
  const state = useSandboxState(true);
  const act = useSandboxAction();
  const data = state.data;
  const outage = Boolean(data?.faults.outageUntil && data.faults.outageUntil > state.dataUpdatedAt);
  return (
    <section aria-labelledby="sandbox-heading">
      <h3 id="sandbox-heading">Sandbox inspector</h3>
      <p className="hint">
        What the embedded Kustomer sandbox holds: the same data a real org would receive.
      </p>
      <div className="actions">
        {outage ? (
          <button
            type="button"
            disabled={act.isPending}
            onClick={() => act.mutate({ kind: 'outage', until: null })}
          >
            End outage
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={act.isPending || !data}
            onClick={() => act.mutate({ kind: 'outage', until: Date.now() + 120_000 })}
          >
            Simulate Kustomer outage (2 min)
          </button>
        )}
        <span aria-live="polite">
          {outage ? 'Kustomer is down: escalations are queued in the outbox.' : ''}
        </span>
      </div>
      {data?.availability && (
        <SandboxAvailabilityControls
          availability={data.availability}
          pending={act.isPending}
          onChange={(patch) => act.mutate({ kind: 'availability', ...patch })}
        />
      )}
      {act.error && (
        <p className="error" role="alert">
          {act.error.message}
        </p>
      )}
      <SandboxSlaControl />
      {state.isPending && <p role="status">Loading sandbox…</p>}
      {state.error && (
        <p className="error" role="alert">
          Could not read the sandbox: {state.error.message}
        </p>
      )}
      {data && (
        <>
          <p>
            {data.customers.length} customer(s), {data.conversations.length} conversation(s),{' '}
            {data.messages.length} message(s), {data.notes.length} note(s).
          </p>
          {data.customers.length > 0 && (
            <ul className="customers" aria-label="Sandbox customers">
              {data.customers.map((c) => (
                <li key={c.id}>
                  {c.name ?? 'Unnamed'}{' '}
                  <span className="muted">{c.emails.map((e) => e.email).join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
          {data.conversations.length === 0 ? (
            <p className="empty">Nothing yet: escalate from the chat to see it land here.</p>
          ) : (
            <ul className="conversations" aria-label="Sandbox conversations">
              {[...data.conversations].reverse().map((conversation) => (
                <SandboxConversation
                  key={conversation.id}
                  conversation={conversation}
                  data={data}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** What landed in the embedded sandbox, with a simulated outage and an agent's reply or close. */
import { useState } from 'react';
import { useSandboxAction, useSandboxState } from '../api/sandbox.js';

export function SandboxInspector() {
  const state = useSandboxState(true);
  const act = useSandboxAction();
  const [replies, setReplies] = useState<Record<string, string>>({});
  const data = state.data;
  const outage = Boolean(data?.faults.outageUntil && data.faults.outageUntil > state.dataUpdatedAt);
  const teamName = (id: string) => data?.teams.find((t) => t.id === id)?.name ?? id;
  return (
    <section aria-labelledby="sandbox-heading">
      <h3 id="sandbox-heading">Sandbox inspector</h3>
      <p className="hint">
        What the embedded Kustomer sandbox holds: the same data a real org would receive.
      </p>
      <div className="actions">
        {outage ? (
          <button type="button" onClick={() => act.mutate({ kind: 'outage', until: null })}>
            End outage
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            onClick={() => act.mutate({ kind: 'outage', until: Date.now() + 120_000 })}
          >
            Simulate Kustomer outage (2 min)
          </button>
        )}
        <span aria-live="polite">
          {outage ? 'Kustomer is down: escalations are queued in the outbox.' : ''}
        </span>
      </div>
      {state.isLoading && <p>Loading sandbox…</p>}
      {state.error && <p className="error">{state.error.message}</p>}
      {data && (
        <>
          <p>
            {data.customers.length} customer(s), {data.conversations.length} conversation(s),{' '}
            {data.messages.length} message(s), {data.notes.length} note(s).
          </p>
          {data.conversations.length === 0 && (
            <p className="empty">Nothing yet: escalate from the chat to see it land here.</p>
          )}
          <ul className="conversations" aria-label="Sandbox conversations">
            {[...data.conversations].reverse().map((conversation) => {
              const customer = data.customers.find((c) => c.id === conversation.customerId);
              return (
                <li key={conversation.id} className="conversation">
                  <h4>{conversation.name ?? 'Conversation'}</h4>
                  <p className="muted">
                    {customer?.emails[0]?.email ?? customer?.name ?? 'customer'} ·{' '}
                    {conversation.assignedTeams.map(teamName).join(', ') || 'no team'} · priority{' '}
                    {conversation.priority} · {conversation.status}
                  </p>
                  <details>
                    <summary>Transcript and notes</summary>
                    <ol className="transcript">
                      {data.messages
                        .filter((m) => m.conversationId === conversation.id)
                        .map((m) => (
                          <li key={m.id} className={`msg msg-${m.direction}`}>
                            {m.preview}
                          </li>
                        ))}
                    </ol>
                    {data.notes
                      .filter((n) => n.conversationId === conversation.id)
                      .map((n) => (
                        <pre key={n.id} className="note">
                          {n.body}
                        </pre>
                      ))}
                  </details>
                  {conversation.status !== 'done' && (
                    <form
                      className="inline"
                      onSubmit={(event) => {
                        event.preventDefault();
                        const text = replies[conversation.id]?.trim();
                        if (text)
                          act.mutate(
                            { kind: 'reply', conversationId: conversation.id, text },
                            {
                              onSuccess: () => setReplies((r) => ({ ...r, [conversation.id]: '' })),
                            },
                          );
                      }}
                    >
                      <label className="sr-only" htmlFor={`reply-${conversation.id}`}>
                        Agent reply to {conversation.name}
                      </label>
                      <input
                        id={`reply-${conversation.id}`}
                        value={replies[conversation.id] ?? ''}
                        onChange={(e) =>
                          setReplies((r) => ({ ...r, [conversation.id]: e.target.value }))
                        }
                        placeholder="Reply as an agent…"
                      />
                      <button type="submit">Reply as agent</button>
                      <button
                        type="button"
                        onClick={() =>
                          act.mutate({ kind: 'close', conversationId: conversation.id })
                        }
                      >
                        Close conversation
                      </button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

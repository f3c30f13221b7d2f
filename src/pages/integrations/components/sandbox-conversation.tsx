/** One conversation in the sandbox: who, team, priority, status, transcript, notes, agent tools. */
import { useState } from 'react';
import type { SandboxStateView } from '../../../shared/sandbox-state.js';
import { useSandboxAction } from '../api/sandbox.js';

type Conversation = SandboxStateView['conversations'][number];

export function SandboxConversation({
  conversation,
  data,
}: {
  conversation: Conversation;
  data: SandboxStateView;
}) {
  const act = useSandboxAction();
  const [reply, setReply] = useState('');
  const customer = data.customers.find((c) => c.id === conversation.customerId);
  const who = customer?.emails[0]?.email ?? customer?.name ?? 'customer';
  const teamName = (id: string) => data.teams.find((t) => t.id === id)?.name ?? id;
  const messages = data.messages.filter((m) => m.conversationId === conversation.id);
  const notes = data.notes.filter((n) => n.conversationId === conversation.id);
  const inputId = `reply-${conversation.id}`;
  return (
    <li className="conversation" aria-labelledby={`${inputId}-title`}>
      <h4 id={`${inputId}-title`}>{conversation.name ?? 'Conversation'}</h4>
      <p className="muted">
        {who} · {conversation.assignedTeams.map(teamName).join(', ') || 'no team'} · priority{' '}
        {conversation.priority ?? 'none'} · {conversation.status}
      </p>
      {conversation.tags.length > 0 && (
        <p className="muted">Tags: {conversation.tags.join(', ')}</p>
      )}
      <details>
        <summary>
          Transcript ({messages.length}) and notes ({notes.length})
        </summary>
        {messages.length === 0 && <p className="empty">No messages synced.</p>}
        <ol className="transcript" aria-label="Transcript">
          {messages.map((m) => {
            const who = author(m);
            return (
              <li key={m.id} className={`msg msg-${who.toLowerCase()}`}>
                <span className="author-tag">{who}:</span> {m.preview}
              </li>
            );
          })}
        </ol>
        {notes.map((n) => (
          <pre key={n.id} className="note" aria-label="Internal note">
            {n.body}
          </pre>
        ))}
      </details>
      {conversation.status !== 'done' && (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            const text = reply.trim();
            if (text)
              act.mutate(
                { kind: 'reply', conversationId: conversation.id, text },
                { onSuccess: () => setReply('') },
              );
          }}
        >
          <label className="sr-only" htmlFor={inputId}>
            Agent reply to {who}
          </label>
          <input
            id={inputId}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            placeholder="Reply as an agent…"
          />
          <button type="submit" disabled={act.isPending}>
            Reply as agent
          </button>
          <button
            type="button"
            disabled={act.isPending}
            onClick={() => act.mutate({ kind: 'close', conversationId: conversation.id })}
          >
            Close conversation
          </button>
        </form>
      )}
      {act.error && (
        <p className="error" role="alert">
          {act.error.message}
        </p>
      )}
    </li>
  );
}

/** Imported transcript lines are the chat's (customer or bot); an outbound line not imported is an agent's. */
function author(message: SandboxStateView['messages'][number]): 'Customer' | 'Bot' | 'Agent' {
  if (message.direction === 'in') return 'Customer';
  return message.importedAt ? 'Bot' : 'Agent';
}

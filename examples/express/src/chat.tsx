// The host's own chat, with the module's button: its code arrives in a chunk of its own the first
// time the button renders.
import { useState } from 'react';
import { EscalationButton, type AgentReply, type TranscriptEntry } from 'kustomer-escalation/react';

const sessionId = `chat-${crypto.randomUUID()}`;
const transcript: TranscriptEntry[] = [
  { id: 'm1', role: 'user', text: 'My order never arrived.', at: new Date().toISOString() },
  {
    id: 'm2',
    role: 'bot',
    text: 'Sorry about that. I can connect you with a person.',
    at: new Date().toISOString(),
  },
];

export function Chat() {
  const [replies, setReplies] = useState<AgentReply[]>([]);
  const [closed, setClosed] = useState(false);
  return (
    <main>
      <h1>Acme chat</h1>
      <ul aria-label="Messages">
        {transcript.map((line) => (
          <li key={line.id}>{line.text}</li>
        ))}
        {replies.map((reply) => (
          <li key={reply.id}>{reply.text}</li>
        ))}
      </ul>
      {closed && <p>The conversation was closed.</p>}
      <EscalationButton
        sessionId={sessionId}
        knownEmail="jane@example.com"
        transcript={transcript}
        reason="user_requested"
        intent="shipping"
        onReply={(reply) => setReplies((all) => [...all, reply])}
        onClosed={() => setClosed(true)}
      />
    </main>
  );
}

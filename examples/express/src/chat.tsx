// The host's own chat, with the module's button: its code arrives in a chunk of its own the first
// time the button renders.
import { useState } from 'react';
import { EscalationButton, type TranscriptEntry } from 'kustomer-escalation/react';

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
  // The bot's conversation, then the agent's replies as they come.
  const [messages, setMessages] = useState<{ id: string; text: string }[]>(transcript);
  const [closed, setClosed] = useState(false);
  return (
    <main>
      <h1>Acme chat</h1>
      <ul aria-label="Messages">
        {messages.map((message) => (
          <li key={message.id}>{message.text}</li>
        ))}
      </ul>
      {closed && <p>The conversation was closed.</p>}
      <EscalationButton
        sessionId={sessionId}
        knownEmail="jane@example.com"
        transcript={transcript}
        reason="user_requested"
        intent="shipping"
        onReply={(reply) => setMessages((all) => [...all, reply])}
        onClosed={() => setClosed(true)}
      />
    </main>
  );
}

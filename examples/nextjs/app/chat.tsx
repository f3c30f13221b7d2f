'use client';
// The host's own chat, with the module's button pointed at the route that mounts the server.
import { useState } from 'react';
import { EscalationButton, type TranscriptEntry } from 'kustomer-escalation/react';

const transcript: TranscriptEntry[] = [
  { id: 'm1', role: 'user', text: 'I was charged twice.', at: '2026-01-01T10:00:00.000Z' },
  { id: 'm2', role: 'bot', text: 'Let me get a person for you.', at: '2026-01-01T10:00:05.000Z' },
];

export function Chat() {
  const [sessionId] = useState(() => `chat-${crypto.randomUUID()}`);
  // The bot's conversation, then the agent's replies as they come.
  const [messages, setMessages] = useState<{ id: string; text: string }[]>(transcript);
  return (
    <>
      <ul aria-label="Messages">
        {messages.map((message) => (
          <li key={message.id}>{message.text}</li>
        ))}
      </ul>
      <EscalationButton
        apiBase="/api/kustomer"
        sessionId={sessionId}
        knownEmail="sam@example.com"
        transcript={transcript}
        intent="billing"
        onReply={(reply) => setMessages((all) => [...all, reply])}
        onClosed={() => {}}
      />
    </>
  );
}

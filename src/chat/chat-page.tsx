/** The demo chat: a scripted bot and the escalation button, loaded as its own chunk. */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { AgentReply, EscalationReason, TranscriptEntry } from '../shared/escalation.js';
import { botTurn, summarize } from './demo-bot.js';
import { findEmail } from './email.js';
import { newId } from './new-id.js';

const EscalationButton = lazy(() => import('./escalation-button.js'));

interface Line extends TranscriptEntry {
  author?: string | null;
}

const now = () => new Date().toISOString();
let seq = 0;
const lineId = () => `m${Date.now().toString(36)}${(seq++).toString(36)}`;

export default function ChatPage() {
  const [sessionId] = useState(() => `chat-${newId()}`);
  const [lines, setLines] = useState<Line[]>([
    { id: lineId(), role: 'bot', text: 'Hi! I am the support bot. How can I help?', at: now() },
  ]);
  const [draft, setDraft] = useState('');
  const [intent, setIntent] = useState('general');
  const [suggest, setSuggest] = useState<EscalationReason | null>(null);
  const [handedOff, setHandedOff] = useState(false);
  const [email, setEmail] = useState<string | null>(null);
  // A new round after a close gives a fresh button (and a new escalation id).
  const [round, setRound] = useState(0);

  const add = (line: Omit<Line, 'id' | 'at'>) =>
    setLines((current) => [...current, { id: lineId(), at: now(), ...line }]);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    add({ role: 'user', text });
    const written = findEmail(text);
    if (written) setEmail(written);
    if (handedOff) return; // an agent has the conversation now
    const turn = botTurn(text);
    setIntent(turn.intent);
    add({ role: 'bot', text: turn.reply });
    if (turn.escalate) setSuggest(turn.escalate);
  };
  const onReply = (reply: AgentReply) =>
    add({ role: 'agent', text: reply.text, author: reply.author });
  const onClosed = () => {
    setHandedOff(false);
    setSuggest(null);
    setRound((r) => r + 1);
    add({
      role: 'system',
      text: 'The support team closed this conversation. The bot is back if you need anything else.',
    });
  };

  return (
    <section className="page chat" aria-labelledby="chat-heading">
      <h1 id="chat-heading">Support chat</h1>
      <ol className="chat-log" aria-label="Conversation" aria-live="polite">
        {lines.map((line) => (
          <li key={line.id} className={`bubble bubble-${line.role}`}>
            <span className="sr-only">
              {line.role === 'user'
                ? 'You'
                : line.role === 'agent'
                  ? (line.author ?? 'Agent')
                  : line.role === 'bot'
                    ? 'Bot'
                    : 'Notice'}
              :{' '}
            </span>
            {line.role === 'agent' && <strong className="author">{line.author ?? 'Agent'}</strong>}
            {line.text}
          </li>
        ))}
      </ol>
      <form className="composer" onSubmit={send}>
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <input
          id="chat-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Type a message…"
          autoComplete="off"
        />
        <button type="submit">Send</button>
      </form>
      <Suspense fallback={<p>Loading…</p>}>
        <EscalationButton
          key={round}
          sessionId={sessionId}
          knownEmail={email}
          transcript={lines.map(({ id, role, text, at }) => ({
            id,
            role,
            text: text.slice(0, 100_000),
            at,
          }))}
          reason={suggest ?? 'user_requested'}
          intent={intent}
          summary={summarize(lines, intent)}
          onReply={onReply}
          onClosed={onClosed}
          onConnected={() => setHandedOff(true)}
        />
      </Suspense>
    </section>
  );
}

/**
 * The demo chat: a scripted bot, the hand-off, and the live conversation after it. The bot answers
 * until a person owns the chat (from the hand-off until the close); meanwhile what the customer
 * types goes to that person, and the hand-off's events appear in the message list.
 */
import { useState, type FormEvent } from 'react';
import {
  AttachControl,
  ChatLog,
  EscalationButton,
  findEmail,
  lineId,
  maskCardNumbers,
  newId,
  nowIso,
  outcomeText,
  useChatSender,
  type AgentReply,
  type ChatAttachmentInput,
  type Delivery,
  type EscalationReason,
  type EscalationResult,
  type Line,
  type Outgoing,
  type SendTarget,
} from '../entry/react.js';
import { botTurn, summarize } from './demo-bot.js';

const CLOSED_TEXT =
  'The support team closed this conversation. The bot is back if you need anything else.';

/** The server's link to an agent's file: the session proves whose chat it is. */
function agentFile(live: SendTarget, messageId: string, file: { id: string; name: string }) {
  const query = new URLSearchParams({ sessionId: live.sessionId });
  const path = [live.escalationId, 'attachments', messageId, file.id].map(encodeURIComponent);
  return { name: file.name, href: `/api/escalations/${path.join('/')}?${query}` };
}

export default function ChatPage() {
  const [sessionId] = useState(() => `chat-${newId()}`);
  const [lines, setLines] = useState<Line[]>([
    { id: lineId(), role: 'bot', text: 'Hi! I am the support bot. How can I help?', at: nowIso() },
  ]);
  const [draft, setDraft] = useState('');
  const [file, setFile] = useState<ChatAttachmentInput | null>(null);
  // What each message to the person carried, so Try again resends it whole.
  const [outgoing] = useState(() => new Map<string, Outgoing>());
  const [intent, setIntent] = useState('general');
  const [suggest, setSuggest] = useState<EscalationReason | null>(null);
  // Set from the hand-off (connected or queued) until the close: a person owns the chat.
  const [live, setLive] = useState<SendTarget | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  // A new round after a close gives a fresh button (and a new escalation id).
  const [round, setRound] = useState(0);
  const [startSignal, setStartSignal] = useState(0);

  const add = (line: Omit<Line, 'id' | 'at'> & { id?: string }) =>
    setLines((current) => [...current, { id: lineId(), at: nowIso(), ...line }]);
  const notice = (text: string) => add({ role: 'system', text, event: true });
  const patch = (id: string, change: Partial<Line>) =>
    setLines((current) => current.map((l) => (l.id === id ? { ...l, ...change } : l)));
  const sendLive = useChatSender((id, delivery: Delivery, stored) =>
    setLines((current) =>
      current.map((l) => {
        if (l.id !== id) return l;
        // The stream may already have reported it delivered; a late "saved" must not undo that.
        const next = l.delivery === 'sent' && delivery === 'queued' ? 'sent' : delivery;
        return {
          ...l,
          delivery: next,
          ...(stored ? { text: stored.text, masked: stored.masked } : {}),
        };
      }),
    ),
  );

  const send = (event: FormEvent) => {
    event.preventDefault();
    const typed = draft.trim();
    const attachment = live ? file : null;
    // A file alone is a message too: its name is the text the agent reads.
    const text = typed || attachment?.name || '';
    if (!text) return;
    setDraft('');
    setFile(null);
    const written = findEmail(text);
    if (written) setEmail(written);
    if (live) {
      const id = lineId();
      const message = { id, text, at: nowIso(), ...(attachment ? { attachment } : {}) };
      outgoing.set(id, message);
      add({
        id,
        role: 'user',
        text,
        delivery: 'sending',
        ...(attachment ? { attachment: { name: attachment.name } } : {}),
      });
      sendLive(live, message);
      return; // a person has the conversation now: the bot stays quiet
    }
    // Before the hand-off the transcript carries the text; a card number is masked on its way.
    add({ role: 'user', text, masked: maskCardNumbers(text).count > 0 });
    const turn = botTurn(text);
    setIntent(turn.intent);
    add({ role: 'bot', text: turn.reply, offer: turn.escalate === 'user_requested' });
    if (turn.escalate) setSuggest(turn.escalate);
  };
  const onResult = (result: EscalationResult, usedEmail: string) => {
    notice(outcomeText(result, usedEmail || email || ''));
    if (result.status !== 'refused') setLive({ escalationId: result.escalationId, sessionId });
  };
  const onReply = (reply: AgentReply) => {
    add({ role: 'agent', text: reply.text, author: reply.author });
    // Each file as a line of its own with its download link, served through this server.
    for (const file of reply.attachments ?? [])
      if (live)
        add({
          role: 'agent',
          text: '',
          author: reply.author,
          attachment: agentFile(live, reply.id, file),
        });
  };
  const onClosed = () => {
    setLive(null);
    setSuggest(null);
    setRound((r) => r + 1);
    notice(CLOSED_TEXT);
  };
  const retry = (line: Line) => {
    if (live)
      sendLive(live, outgoing.get(line.id) ?? { id: line.id, text: line.text, at: line.at });
  };

  return (
    <section className="page chat" aria-labelledby="chat-heading">
      <h1 id="chat-heading">Support chat</h1>
      <ChatLog
        lines={lines}
        onRetry={retry}
        offerOpen={live === null}
        onAcceptOffer={() => setStartSignal((n) => n + 1)}
      />
      <form className="composer" onSubmit={send}>
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <input
          id="chat-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={live ? 'Write to the support team…' : 'Type a message…'}
          autoComplete="off"
          maxLength={10_240}
        />
        <button type="submit">Send</button>
      </form>
      {live && <AttachControl file={file} onChange={setFile} />}
      <EscalationButton
        fallback={<p>Loading…</p>}
        key={round}
        sessionId={sessionId}
        knownEmail={email}
        transcript={lines
          .filter((line) => !line.event)
          .map(({ id, role, text, at }) => ({ id, role, text: text.slice(0, 100_000), at }))}
        reason={suggest ?? 'user_requested'}
        intent={intent}
        summary={summarize(lines, intent)}
        onReply={onReply}
        onClosed={onClosed}
        onResult={onResult}
        onAgentJoined={(author) => notice(`${author ?? 'An agent'} joined the chat.`)}
        onDelivered={(ids) => ids.forEach((id) => patch(id, { delivery: 'sent' }))}
        hideOutcome
        startSignal={startSignal}
      />
    </section>
  );
}

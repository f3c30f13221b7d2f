/**
 * The conversation as a list: messages, and the hand-off's events (connected, queued, agent
 * joined, closed) as notices in the same list. It keeps the newest line in view, so the input
 * below it stays reachable on a phone however long the conversation gets.
 */
import { useEffect, useRef } from 'react';
import { DELIVERY_TEXT, type Line } from './chat-lines.js';

export interface ChatLogProps {
  lines: Line[];
  onRetry: (line: Line) => void;
  onAcceptOffer: () => void;
  offerOpen: boolean;
}

function speaker(line: Line): string {
  if (line.event) return 'Notice';
  if (line.role === 'user') return 'You';
  if (line.role === 'agent') return line.author ?? 'Agent';
  return line.role === 'bot' ? 'Bot' : 'Notice';
}

function AttachmentNote({ attachment }: { attachment: NonNullable<Line['attachment']> }) {
  return attachment.href ? (
    <a className="attachment" href={attachment.href} download={attachment.name}>
      Download {attachment.name}
    </a>
  ) : (
    <small className="attachment">Attached: {attachment.name}</small>
  );
}

export function ChatLog({ lines, onRetry, onAcceptOffer, offerOpen }: ChatLogProps) {
  const end = useRef<HTMLLIElement>(null);
  const count = lines.length;
  useEffect(() => {
    // jsdom has no scrolling; browsers do.
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);
  return (
    <ol className="chat-log" aria-label="Conversation" aria-live="polite">
      {lines.map((line) => (
        <li
          key={line.id}
          className={`bubble bubble-${line.event ? 'event' : line.role}`}
          data-delivery={line.delivery}
        >
          <span className="sr-only">{speaker(line)}: </span>
          {line.role === 'agent' && <strong className="author">{line.author ?? 'Agent'}</strong>}
          {line.text}
          {line.attachment && <AttachmentNote attachment={line.attachment} />}
          {line.masked && <small className="note">A card number was hidden before sending.</small>}
          {line.delivery && (
            <small className="delivery">
              {DELIVERY_TEXT[line.delivery]}
              {line.delivery === 'failed' && (
                <button type="button" className="link" onClick={() => onRetry(line)}>
                  Try again
                </button>
              )}
            </small>
          )}
          {line.offer && offerOpen && (
            <button type="button" className="offer" onClick={onAcceptOffer}>
              Connect me with a person
            </button>
          )}
        </li>
      ))}
      <li ref={end} className="chat-end" aria-hidden="true" />
    </ol>
  );
}

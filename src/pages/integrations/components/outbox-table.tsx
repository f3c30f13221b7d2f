/**
 * Queued, retrying and dead escalations, and escalated ones whose transcript or note is still on
 * its way, each with "Retry now". On a phone, rows stack.
 */
import type { OutboxItem } from '../../../shared/integration.js';
import { lastErrorText, outboxStateText } from './health-words.js';

export function OutboxTable({
  items,
  pendingId,
  onRetry,
}: {
  items: OutboxItem[];
  pendingId: string | null;
  onRetry: (escalationId: string) => void;
}) {
  const retryText = (id: string) => (pendingId === id ? 'Retrying…' : 'Retry now');
  return (
    <table className="table stack" aria-labelledby="outbox-heading">
      <thead>
        <tr>
          <th scope="col">Escalation</th>
          <th scope="col">State</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">
            <span className="sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.escalationId}>
            <td data-label="Escalation">
              <code>{item.escalationId}</code>
              <div className="muted">
                {item.customer} · {item.reason.replace(/_/g, ' ')}
                {item.test ? ' · test' : ''}
              </div>
            </td>
            <td data-label="State">
              <span className={`pill pill-${item.state}`}>{outboxStateText(item)}</span>
              {item.timelinePending && <div className="muted">escalated · timeline pending</div>}
            </td>
            <td data-label="Attempts">{item.attempts}</td>
            <td data-label="Last error">{lastErrorText(item)}</td>
            <td>
              <button
                type="button"
                onClick={() => onRetry(item.escalationId)}
                disabled={pendingId !== null}
                // The visible words first, so a voice user saying them hits this button
                // (WCAG 2.5.3), then which escalation, for screen readers.
                aria-label={`${retryText(item.escalationId)} ${item.escalationId}`}
              >
                {retryText(item.escalationId)}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

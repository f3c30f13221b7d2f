/** Queued, retrying and dead escalations, each with "Retry now". On a phone, rows stack. */
import type { OutboxItem } from '../../../shared/integration.js';

export function OutboxTable({
  items,
  pendingId,
  onRetry,
}: {
  items: OutboxItem[];
  pendingId: string | null;
  onRetry: (escalationId: string) => void;
}) {
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
              <span className={`pill pill-${item.state}`}>{item.state}</span>
            </td>
            <td data-label="Attempts">{item.attempts}</td>
            <td data-label="Last error">{item.lastError?.message ?? '—'}</td>
            <td>
              <button
                type="button"
                onClick={() => onRetry(item.escalationId)}
                disabled={pendingId !== null}
                aria-label={`Retry ${item.escalationId} now`}
              >
                {pendingId === item.escalationId ? 'Retrying…' : 'Retry now'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Health: success rate, latency, 429s, rate-limit headroom, breaker, and the outbox with retry. */
import type { IntegrationStatus } from '../../../shared/integration.js';
import { useRetryEscalation } from '../api/retry-outbox.js';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);

export function HealthPanel({ status }: { status: IntegrationStatus }) {
  const retry = useRetryEscalation();
  const { metrics, outbox } = status;
  const headroom =
    metrics.rateLimit.limit && metrics.rateLimit.remaining !== null
      ? `${metrics.rateLimit.remaining} / ${metrics.rateLimit.limit}`
      : '—';
  const stats: [string, string][] = [
    ['Success rate', percent(metrics.successRate)],
    ['Latency p50', ms(metrics.p50Ms)],
    ['Latency p95', ms(metrics.p95Ms)],
    ['429s', String(metrics.rateLimited)],
    ['Rate-limit headroom', headroom],
    ['Circuit breaker', status.breaker.replace('_', '-')],
    ['Outbox', `${outbox.queued + outbox.retrying} waiting, ${outbox.dead} dead`],
  ];
  return (
    <section aria-labelledby="health-heading">
      <h3 id="health-heading">Health</h3>
      <dl className="stats">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>Outbox</h4>
      {outbox.items.filter((item) => item.state !== 'done').length === 0 ? (
        <p className="empty">Nothing waiting: every escalation was delivered.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Queued and dead escalations</caption>
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
            {outbox.items
              .filter((item) => item.state !== 'done')
              .map((item) => (
                <tr key={item.escalationId}>
                  <td>
                    <code>{item.escalationId}</code>
                    <div className="muted">{item.customer}</div>
                  </td>
                  <td>
                    <span className={`pill pill-${item.state}`}>{item.state}</span>
                  </td>
                  <td>{item.attempts}</td>
                  <td>{item.lastError?.message ?? '—'}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => retry.mutate(item.escalationId)}
                      disabled={retry.isPending}
                      aria-label={`Retry ${item.escalationId} now`}
                    >
                      Retry now
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <p aria-live="polite">
        {retry.error ? retry.error.message : retry.data ? `Retry: ${retry.data.status}.` : ''}
      </p>
    </section>
  );
}

/**
 * Health: escalations delivered (each counted once, whatever it took), the outbox, whether calls
 * go through, then the API figures (every HTTP call, retries included), and the outbox rows.
 */
import type { EscalationResult } from '../../../shared/escalation.js';
import type { IntegrationStatus } from '../../../shared/integration.js';
import { useRetryEscalation } from '../api/retry-outbox.js';
import { BREAKER_WORDS, callsText, deliveredText } from './health-words.js';
import { OutboxTable } from './outbox-table.js';
import { StatList } from './stat-list.js';

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);

function retryMessage(result: EscalationResult): string {
  if (result.status === 'escalated')
    return `Delivered ${result.escalationId}: conversation ${result.conversationId}.`;
  if (result.status === 'queued')
    return `${result.escalationId} is still waiting (${result.reason}); the outbox tries again.`;
  return `${result.escalationId} was not sent: ${result.message}`;
}

export function HealthPanel({ status }: { status: IntegrationStatus }) {
  const retry = useRetryEscalation();
  const { metrics, outbox, deliveries } = status;
  const headroom =
    metrics.rateLimit.limit && metrics.rateLimit.remaining !== null
      ? `${metrics.rateLimit.remaining} / ${metrics.rateLimit.limit}`
      : '—';
  const stats: [string, string][] = [
    ['Escalations delivered', deliveredText(deliveries)],
    ['Outbox', `${outbox.queued + outbox.retrying} waiting, ${outbox.dead} gave up`],
    ['Kustomer calls', BREAKER_WORDS[status.breaker]],
    ['API calls (retries included)', callsText(metrics)],
    ['Latency p50', ms(metrics.p50Ms)],
    ['Latency p95', ms(metrics.p95Ms)],
    ['Rate-limited answers (429)', String(metrics.rateLimited)],
    ['Rate-limit headroom', headroom],
    ['Timeline pending', String(outbox.timelinePending)],
  ];
  const waiting = outbox.items.filter((item) => item.state !== 'done');
  return (
    <section aria-labelledby="health-heading">
      <h3 id="health-heading">Health</h3>
      {metrics.requests === 0 && (
        <p className="hint">No Kustomer calls yet: the figures fill in as escalations go out.</p>
      )}
      <StatList label="Health figures" items={stats} />
      <h4 id="outbox-heading">Outbox</h4>
      {waiting.length === 0 ? (
        <p className="empty">Nothing waiting: every escalation was delivered.</p>
      ) : (
        <OutboxTable
          items={waiting}
          pendingId={retry.isPending ? (retry.variables ?? null) : null}
          onRetry={(id) => retry.mutate(id)}
        />
      )}
      <p aria-live="polite" className={retry.error ? 'error' : undefined}>
        {retry.error
          ? `Retry failed: ${retry.error.message}`
          : retry.data
            ? retryMessage(retry.data)
            : ''}
      </p>
    </section>
  );
}

/** Health figures in plain words: what operators read, not the mechanism's jargon. */
import type { BreakerState, IntegrationStatus, OutboxItem } from '../../../shared/integration.js';

export const percent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;

/** The circuit breaker, said as what it does to calls. */
export const BREAKER_WORDS: Record<BreakerState, string> = {
  closed: 'Normal: calls go through',
  open: 'Paused after repeated failures: escalations wait in the outbox',
  half_open: 'Checking whether Kustomer is back (one trial call)',
};

/** "12 of 13 (92.3%)": escalations delivered among those finished (delivered or given up). */
export function deliveredText(deliveries: IntegrationStatus['deliveries']): string {
  const finished = deliveries.delivered + deliveries.gaveUp;
  if (finished === 0) return 'None finished yet';
  return `${deliveries.delivered} of ${finished} (${percent(deliveries.delivered / finished)})`;
}

/** "97.0% of 200 answered without error": every HTTP call, retries included. */
export function callsText(metrics: IntegrationStatus['metrics']): string {
  if (metrics.requests === 0) return 'No calls yet';
  return `${percent(metrics.successRate)} of ${metrics.requests} without error`;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The state of an outbox row, in words that agree with it. */
export function outboxStateText(item: OutboxItem): string {
  if (item.state === 'dead') return `Gave up after ${item.attempts} attempts: retry by hand`;
  if (item.state === 'retrying')
    return item.nextAttemptAt
      ? `Retrying: attempt ${item.attempts} failed, next at ${time(item.nextAttemptAt)}`
      : `Retrying: attempt ${item.attempts} failed`;
  if (item.state === 'queued')
    return item.nextAttemptAt ? `Waiting: first try at ${time(item.nextAttemptAt)}` : 'Waiting';
  return 'Being delivered now';
}

/**
 * The last error without the HTTP client's own "gave up after N attempts" (its retries within
 * one delivery), which beside a row that is still retrying reads as a contradiction.
 */
export function lastErrorText(item: OutboxItem): string {
  if (!item.lastError) return '—';
  return item.lastError.message.replace(/;\s*gave up after (\d+) attempts$/, ' ($1 tries)');
}

/** "3 min ago", "just now": when the connection was last tested. */
export function ago(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

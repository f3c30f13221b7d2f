import type { IntegrationStatus } from '../../../shared/integration.js';

const LABELS: Record<IntegrationStatus['status'], string> = {
  connected: 'Connected',
  sandbox: 'Sandbox',
  degraded: 'Degraded – fallback mode active',
  disconnected: 'Disconnected',
  disabled: 'Disabled',
};

export function StatusBadge({ status }: { status: IntegrationStatus['status'] }) {
  return (
    <span
      className={`badge badge-${status}`}
      role="status"
      aria-label={`Status: ${LABELS[status]}`}
    >
      <span className="badge-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}

/**
 * Test connection's SLA check: whether an SLA policy of the org would take the bot's transcript
 * lines for the first response (Kustomer's legacy rule), with the fix; skipped, never passed, when
 * the key cannot read SLAs.
 */
import type { SlaCheck } from '../../../shared/integration.js';

export function SlaResult({ sla }: { sla: SlaCheck | null }) {
  if (!sla) return null;
  const className = sla.status === 'ok' ? 'ok' : 'warn';
  return (
    <div className="sla-check">
      <h4>SLA first response</h4>
      <p className={className} role={sla.status === 'warn' ? 'alert' : undefined}>
        {sla.status === 'skipped' ? 'Not checked. ' : ''}
        {sla.message}
      </p>
      {sla.fooled.length > 0 && (
        <ul aria-label="SLA policies the transcript would satisfy">
          {sla.fooled.map((policy) => (
            <li key={policy.id}>{policy.name}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Org, region, the masked key and data retention: read-only, from the server's environment. */
import type { IntegrationStatus } from '../../../shared/integration.js';

export function OrgDetails({ status }: { status: IntegrationStatus }) {
  const keyText = status.key.configured ? `••••••••${status.key.last4 ?? ''}` : 'Not set (sandbox)';
  return (
    <>
      <dl className="readonly" aria-label="Kustomer org">
        <div>
          <dt>Org</dt>
          <dd>{status.org.subdomain ?? '—'}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{status.org.region?.toUpperCase() ?? '—'}</dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd>
            <code>{keyText}</code>
          </dd>
        </div>
        <div>
          <dt>Finished escalations kept</dt>
          <dd>
            {status.retentionDays > 0
              ? `${status.retentionDays} days, then deleted here (Kustomer keeps its copy)`
              : 'Forever (ESCALATION_RETENTION_DAYS=0)'}
          </dd>
        </div>
      </dl>
      <p className="hint">
        These come from the server's environment; the key never reaches the browser.
      </p>
    </>
  );
}

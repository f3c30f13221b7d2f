/** Org, region and the masked key: read-only, they come from the server's environment. */
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
      </dl>
      <p className="hint">
        Org, region and key come from the server's environment; the key never reaches the browser.
      </p>
    </>
  );
}

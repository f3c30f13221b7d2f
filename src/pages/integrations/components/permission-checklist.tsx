/** Test connection: the key's connection and each permission the module needs, with the fix. */
import { useTestConnection } from '../api/test-connection.js';
import { SlaResult } from './sla-result.js';

export function ConnectionTest() {
  const test = useTestConnection();
  const result = test.data;
  return (
    <section aria-labelledby="connection-heading">
      <h3 id="connection-heading">Connection and permissions</h3>
      <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
        {test.isPending ? 'Testing…' : 'Test connection'}
      </button>
      <div aria-live="polite">
        {test.error && <p className="error">{test.error.message}</p>}
        {result && !result.ok && (
          <p className="error" role="alert">
            Could not connect: {result.error?.message}
            {result.error?.fix && <> To fix it, {result.error.fix}.</>}
          </p>
        )}
        {result?.ok && result.permissions && (
          <>
            <p className={result.permissions.ok ? 'ok' : 'warn'}>
              Connected in {result.latencyMs} ms
              {result.permissions.tokenName
                ? ` as key “${result.permissions.tokenName}”`
                : ''}.{' '}
              {result.permissions.ok
                ? 'Every permission the module needs is granted.'
                : `${result.permissions.missing.length} permission(s) missing.`}
            </p>
            <ul className="checklist" aria-label="Permissions">
              {result.permissions.capabilities.map((check) => (
                <li key={check.capability} className={check.held ? 'pass' : 'fail'}>
                  <span aria-hidden="true">{check.held ? '✓' : '✗'}</span>{' '}
                  <strong>{check.label}</strong>{' '}
                  <span className="sr-only">{check.held ? 'granted' : 'missing'}</span>{' '}
                  {check.held ? (
                    <code className="muted">{check.via}</code>
                  ) : (
                    <div className="fix">
                      <p>{check.breaks}</p>
                      <p>
                        Add <code>{check.newRole}</code>
                        {check.legacyRole && (
                          <>
                            {' '}
                            (or the legacy <code>{check.legacyRole}</code>)
                          </>
                        )}
                        . {check.fix}
                      </p>
                    </div>
                  )}
                </li>
              ))}
            </ul>
            {result.permissions.broadRoles.length > 0 && (
              <p className="warn" role="note">
                Least privilege: this key also holds {result.permissions.broadRoles.join(', ')},
                more than the module needs. Consider a key with only the roles above.
              </p>
            )}
            <SlaResult sla={result.sla} />
          </>
        )}
      </div>
    </section>
  );
}

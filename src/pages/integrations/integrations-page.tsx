/** Settings › Integrations. */
import { useQueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../../app/api-client.js';
import { useIntegrationStatus } from './api/get-status.js';
import { useTeams } from './api/get-teams.js';
import { integrationKeys } from './api/keys.js';
import { AdminSignIn } from './components/admin-sign-in.js';
import { KustomerCard } from './components/kustomer-card.js';

export default function IntegrationsPage() {
  const queryClient = useQueryClient();
  const status = useIntegrationStatus();
  const teams = useTeams();
  if (status.error instanceof ApiRequestError && status.error.status === 401) {
    return (
      <AdminSignIn
        onSignedIn={() => queryClient.invalidateQueries({ queryKey: integrationKeys.all })}
      />
    );
  }
  return (
    <section aria-labelledby="integrations-heading" className="page">
      <h1 id="integrations-heading">Integrations</h1>
      {status.isLoading && (
        <p role="status" className="loading">
          Loading the Kustomer integration…
        </p>
      )}
      {status.error && (
        <div role="alert" className="banner error">
          <p>Could not load the integration: {status.error.message}</p>
          <button type="button" onClick={() => status.refetch()}>
            Try again
          </button>
        </div>
      )}
      {status.data && <KustomerCard status={status.data} teams={teams.data ?? []} />}
      {teams.error && (
        <p className="warn">Teams could not be loaded from Kustomer: {teams.error.message}</p>
      )}
    </section>
  );
}

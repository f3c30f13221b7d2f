/** Settings › Integrations. */
import './zod-jitless.js';
import { useQueryClient } from '@tanstack/react-query';
import { adminToken, ApiRequestError } from '../../lib/api-client.js';
import { useIntegrationStatus } from './api/get-status.js';
import { useTeams } from './api/get-teams.js';
import { useIntegrationApi } from './api/use-integration-api.js';
import { AdminSignIn, AdminTokenNotSet } from './components/admin-sign-in.js';
import { KustomerCard } from './components/kustomer-card.js';
import { LoadError } from './components/load-error.js';

export default function IntegrationsPage() {
  const queryClient = useQueryClient();
  const { keys } = useIntegrationApi();
  const status = useIntegrationStatus();
  const refusal =
    status.error instanceof ApiRequestError && status.error.status === 401 ? status.error : null;
  const teams = useTeams();
  if (refusal?.code === 'admin_token_not_set') return <AdminTokenNotSet />;
  if (refusal) {
    return (
      <AdminSignIn
        rejected={adminToken.get() !== null}
        onSignedIn={() => queryClient.resetQueries({ queryKey: keys.all })}
      />
    );
  }
  return (
    <section aria-labelledby="integrations-heading" className="page">
      <h1 id="integrations-heading">Integrations</h1>
      {status.isPending && (
        <p role="status" className="loading">
          <span className="spinner" aria-hidden="true" /> Loading the Kustomer integration…
        </p>
      )}
      {status.error && !status.data && (
        <LoadError
          what="the integration"
          error={status.error}
          onRetry={() => void status.refetch()}
        />
      )}
      {status.data && (
        <KustomerCard
          status={status.data}
          teams={{ list: teams.data ?? [], loading: teams.isPending }}
        />
      )}
      {status.error && status.data && (
        <p className="banner warn" role="status">
          Showing the last known state: refreshing failed ({status.error.message}).
        </p>
      )}
      {status.data && teams.error && (
        <p className="banner warn" role="alert">
          Teams could not be loaded from Kustomer: {teams.error.message}
        </p>
      )}
    </section>
  );
}

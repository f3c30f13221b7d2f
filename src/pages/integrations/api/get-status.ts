import { useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { integrationStatusSchema, type IntegrationStatus } from '../../../shared/integration.js';
import { useIntegrationApi } from './use-integration-api.js';

export const getStatus = (api: Api) =>
  api.fetch('/integrations/kustomer', { parse: (v) => integrationStatusSchema.parse(v) });

/** Every 10 s; every 2 s while something waits, so a delivery shows within moments. */
export function refreshInterval(status: IntegrationStatus | undefined): number {
  if (!status) return 10_000;
  const waiting = status.outbox.queued + status.outbox.retrying + status.deliveries.waiting;
  return waiting > 0 || status.breaker !== 'closed' ? 2_000 : 10_000;
}

export function useIntegrationStatus() {
  const { api, keys } = useIntegrationApi();
  return useQuery({
    queryKey: keys.status(),
    queryFn: () => getStatus(api),
    refetchInterval: (query) => refreshInterval(query.state.data),
  });
}

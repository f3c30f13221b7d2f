import { useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { queuesResponseSchema } from '../../../shared/routing-trial.js';
import { useIntegrationApi } from './use-integration-api.js';

/** Kustomer's queues for the routing editor (an empty list and the reason when the key cannot read them). */
export const getQueues = (api: Api) =>
  api.fetch('/integrations/kustomer/queues', { parse: (v) => queuesResponseSchema.parse(v) });

export function useQueues() {
  const { api, keys } = useIntegrationApi();
  return useQuery({ queryKey: keys.queues(), queryFn: () => getQueues(api), staleTime: 60_000 });
}

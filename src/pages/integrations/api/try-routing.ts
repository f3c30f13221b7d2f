import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import {
  routingTrialResponseSchema,
  type RoutingTrialRequest,
} from '../../../shared/routing-trial.js';
import { useIntegrationApi } from './use-integration-api.js';

export const tryRouting = (api: Api, trial: RoutingTrialRequest) =>
  api.fetch('/integrations/kustomer/routing/try', {
    method: 'POST',
    body: trial,
    parse: (v) => routingTrialResponseSchema.parse(v),
  });

/** Changes nothing on the server, so there is nothing to invalidate. */
export function useTryRouting() {
  const { api } = useIntegrationApi();
  return useMutation({ mutationFn: (trial: RoutingTrialRequest) => tryRouting(api, trial) });
}

import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import {
  routingTrialResponseSchema,
  type RoutingTrialRequest,
} from '../../../shared/routing-trial.js';

export const tryRouting = (trial: RoutingTrialRequest) =>
  apiFetch('/api/integrations/kustomer/routing/try', {
    method: 'POST',
    body: trial,
    parse: (v) => routingTrialResponseSchema.parse(v),
  });

/** Changes nothing on the server, so there is nothing to invalidate. */
export const useTryRouting = () => useMutation({ mutationFn: tryRouting });

import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { queuesResponseSchema } from '../../../shared/routing-trial.js';
import { integrationKeys } from './keys.js';

/** Kustomer's queues for the routing editor (an empty list and the reason when the key cannot read them). */
export const getQueues = () =>
  apiFetch('/api/integrations/kustomer/queues', { parse: (v) => queuesResponseSchema.parse(v) });

export const useQueues = () =>
  useQuery({ queryKey: integrationKeys.queues(), queryFn: getQueues, staleTime: 60_000 });

import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api-client.js';
import { integrationStatusSchema } from '../../../shared/integration.js';
import { integrationKeys } from './keys.js';

export const getStatus = () =>
  apiFetch('/api/integrations/kustomer', { parse: (v) => integrationStatusSchema.parse(v) });

/** The card's data; refreshed every 10 s so health and the outbox stay current. */
export const useIntegrationStatus = () =>
  useQuery({ queryKey: integrationKeys.status(), queryFn: getStatus, refetchInterval: 10_000 });

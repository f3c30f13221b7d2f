/** The outbound webhook: its state (GET) and "create or verify" (POST). Never its token. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { provisionResultSchema, webhookStateSchema } from '../../../shared/webhook-state.js';
import { integrationKeys } from './keys.js';

const PATH = '/api/integrations/kustomer/webhook';

export const getWebhook = () => apiFetch(PATH, { parse: (v) => webhookStateSchema.parse(v) });

export const provisionWebhook = () =>
  apiFetch(PATH, { method: 'POST', parse: (v) => provisionResultSchema.parse(v) });

/** Every 30 s, so a delivery that just arrived shows without a reload. */
export const useWebhook = () =>
  useQuery({ queryKey: integrationKeys.webhook(), queryFn: getWebhook, refetchInterval: 30_000 });

export function useProvisionWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: provisionWebhook,
    onSuccess: (result) => queryClient.setQueryData(integrationKeys.webhook(), result.state),
  });
}

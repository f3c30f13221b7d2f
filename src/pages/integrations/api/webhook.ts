/** The outbound webhook: its state (GET) and "create or verify" (POST). Never its token. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { provisionResultSchema, webhookStateSchema } from '../../../shared/webhook-state.js';
import { useIntegrationApi } from './use-integration-api.js';

const PATH = '/integrations/kustomer/webhook';

export const getWebhook = (api: Api) =>
  api.fetch(PATH, { parse: (v) => webhookStateSchema.parse(v) });

export const provisionWebhook = (api: Api) =>
  api.fetch(PATH, { method: 'POST', parse: (v) => provisionResultSchema.parse(v) });

/** Every 30 s, so a delivery that just arrived shows without a reload. */
export function useWebhook() {
  const { api, keys } = useIntegrationApi();
  return useQuery({
    queryKey: keys.webhook(),
    queryFn: () => getWebhook(api),
    refetchInterval: 30_000,
  });
}

export function useProvisionWebhook() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: () => provisionWebhook(api),
    onSuccess: (result) => queryClient.setQueryData(keys.webhook(), result.state),
  });
}

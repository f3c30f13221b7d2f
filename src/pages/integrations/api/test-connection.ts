import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { connectionResultSchema } from '../../../shared/integration.js';
import { useIntegrationApi } from './use-integration-api.js';

export const testConnection = (api: Api) =>
  api.fetch('/integrations/kustomer/test', {
    method: 'POST',
    parse: (v) => connectionResultSchema.parse(v),
  });

export function useTestConnection() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: () => testConnection(api),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.status() }),
  });
}

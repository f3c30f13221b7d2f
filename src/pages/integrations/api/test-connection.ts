import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { connectionResultSchema } from '../../../shared/integration.js';
import { integrationKeys } from './keys.js';

export const testConnection = () =>
  apiFetch('/api/integrations/kustomer/test', {
    method: 'POST',
    parse: (v) => connectionResultSchema.parse(v),
  });

export function useTestConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testConnection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.status() }),
  });
}

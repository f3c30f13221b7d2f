import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { escalationResultSchema } from '../../../shared/escalation.js';
import { useIntegrationApi } from './use-integration-api.js';

export const retryEscalation = (api: Api, escalationId: string) =>
  api.fetch(`/integrations/kustomer/outbox/${encodeURIComponent(escalationId)}/retry`, {
    method: 'POST',
    parse: (v) => escalationResultSchema.parse(v),
    acceptStatus: [503],
  });

export function useRetryEscalation() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: (escalationId: string) => retryEscalation(api, escalationId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { escalationResultSchema } from '../../../shared/escalation.js';
import { integrationKeys } from './keys.js';

export const retryEscalation = (escalationId: string) =>
  apiFetch(`/api/integrations/kustomer/outbox/${encodeURIComponent(escalationId)}/retry`, {
    method: 'POST',
    parse: (v) => escalationResultSchema.parse(v),
    acceptStatus: [503],
  });

export function useRetryEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryEscalation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

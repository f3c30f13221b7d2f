import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { escalationResultSchema } from '../../../shared/escalation.js';
import { integrationKeys } from './keys.js';

export const sendTestEscalation = (email?: string) =>
  apiFetch('/api/integrations/kustomer/test-escalation', {
    method: 'POST',
    body: email ? { email } : {},
    parse: (v) => escalationResultSchema.parse(v),
    acceptStatus: [503],
  });

export function useSendTestEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestEscalation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

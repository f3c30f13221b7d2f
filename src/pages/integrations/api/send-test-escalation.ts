import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { escalationResultSchema } from '../../../shared/escalation.js';
import { useIntegrationApi } from './use-integration-api.js';

export const sendTestEscalation = (api: Api, email?: string) =>
  api.fetch('/integrations/kustomer/test-escalation', {
    method: 'POST',
    body: email ? { email } : {},
    parse: (v) => escalationResultSchema.parse(v),
    acceptStatus: [503],
  });

export function useSendTestEscalation() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: (email?: string) => sendTestEscalation(api, email),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

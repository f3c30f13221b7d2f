import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { sandboxStateSchema } from '../../../shared/sandbox-state.js';
import { useIntegrationApi } from './use-integration-api.js';

export const getSandboxState = (api: Api) =>
  api.fetch('/integrations/kustomer/sandbox', { parse: (v) => sandboxStateSchema.parse(v) });

export function useSandboxState(enabled: boolean) {
  const { api, keys } = useIntegrationApi();
  return useQuery({
    queryKey: keys.sandbox(),
    queryFn: () => getSandboxState(api),
    enabled,
    refetchInterval: 3_000,
  });
}

export function useSandboxAction() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'outage'; until: number | null }
        | { kind: 'reply'; conversationId: string; text: string }
        | { kind: 'close'; conversationId: string }
        | { kind: 'availability'; businessClosed?: boolean; agentsOnline?: boolean },
    ) => {
      const base = '/integrations/kustomer/sandbox';
      if (action.kind === 'availability') {
        const { kind: _kind, ...patch } = action;
        return api.fetch(`${base}/availability`, { method: 'PUT', body: patch, parse: () => null });
      }
      if (action.kind === 'outage')
        return api.fetch(`${base}/faults`, {
          method: 'PUT',
          body: { outageUntil: action.until },
          parse: () => null,
        });
      if (action.kind === 'reply')
        return api.fetch(`${base}/conversations/${action.conversationId}/agent-reply`, {
          method: 'POST',
          body: { text: action.text },
          parse: () => null,
        });
      return api.fetch(`${base}/conversations/${action.conversationId}/close`, {
        method: 'POST',
        parse: () => null,
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

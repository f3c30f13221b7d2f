import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { sandboxStateSchema } from '../../../shared/sandbox-state.js';
import { integrationKeys } from './keys.js';

export const getSandboxState = () =>
  apiFetch('/api/integrations/kustomer/sandbox', { parse: (v) => sandboxStateSchema.parse(v) });

export const useSandboxState = (enabled: boolean) =>
  useQuery({
    queryKey: integrationKeys.sandbox(),
    queryFn: getSandboxState,
    enabled,
    refetchInterval: 3_000,
  });

export function useSandboxAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'outage'; until: number | null }
        | { kind: 'reply'; conversationId: string; text: string }
        | { kind: 'close'; conversationId: string }
        | { kind: 'availability'; businessClosed?: boolean; agentsOnline?: boolean },
    ) => {
      const base = '/api/integrations/kustomer/sandbox';
      if (action.kind === 'availability') {
        const { kind: _kind, ...patch } = action;
        return apiFetch(`${base}/availability`, { method: 'PUT', body: patch, parse: () => null });
      }
      if (action.kind === 'outage')
        return apiFetch(`${base}/faults`, {
          method: 'PUT',
          body: { outageUntil: action.until },
          parse: () => null,
        });
      if (action.kind === 'reply')
        return apiFetch(`${base}/conversations/${action.conversationId}/agent-reply`, {
          method: 'POST',
          body: { text: action.text },
          parse: () => null,
        });
      return apiFetch(`${base}/conversations/${action.conversationId}/close`, {
        method: 'POST',
        parse: () => null,
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

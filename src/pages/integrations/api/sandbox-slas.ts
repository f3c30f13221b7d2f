/** The sandbox's SLA policies, and making one a policy the bot transcript would fool. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useIntegrationApi } from './use-integration-api.js';

const slasSchema = z.object({
  slas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      firstResponse: z.boolean(),
      basedOnHumanInteraction: z.boolean().optional(),
    }),
  ),
});

export function useSandboxSlas() {
  const { api, keys } = useIntegrationApi();
  return useQuery({
    queryKey: keys.sandboxSlas(),
    queryFn: () =>
      api.fetch('/integrations/kustomer/sandbox', { parse: (v) => slasSchema.parse(v).slas }),
  });
}

export function useSetSlaFooled() {
  const queryClient = useQueryClient();
  const { api, keys } = useIntegrationApi();
  return useMutation({
    mutationFn: ({ id, fooled }: { id: string; fooled: boolean }) =>
      api.fetch(`/integrations/kustomer/sandbox/slas/${id}`, {
        method: 'PUT',
        body: { fooled },
        parse: () => null,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.sandboxSlas() }),
  });
}

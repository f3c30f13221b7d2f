/** The sandbox's SLA policies, and making one a policy the bot transcript would fool. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client.js';
import { integrationKeys } from './keys.js';

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

export const useSandboxSlas = () =>
  useQuery({
    queryKey: integrationKeys.sandboxSlas(),
    queryFn: () =>
      apiFetch('/api/integrations/kustomer/sandbox', { parse: (v) => slasSchema.parse(v).slas }),
  });

export function useSetSlaFooled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, fooled }: { id: string; fooled: boolean }) =>
      apiFetch(`/api/integrations/kustomer/sandbox/slas/${id}`, {
        method: 'PUT',
        body: { fooled },
        parse: () => null,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.sandboxSlas() }),
  });
}

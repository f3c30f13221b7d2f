import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { Api } from '../../../lib/api-client.js';
import { useIntegrationApi } from './use-integration-api.js';

/** GET /api/integrations/kustomer/schedules: the org's business schedules. */
export const schedulesResponseSchema = z.object({
  schedules: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      timeZone: z.string().nullable(),
      isDefault: z.boolean(),
    }),
  ),
  /** Kustomer could not list them now: the list is the last one known, or empty. */
  error: z.string().optional(),
});
export type ScheduleOption = z.infer<typeof schedulesResponseSchema>['schedules'][number];

export const getSchedules = (api: Api) =>
  api.fetch('/integrations/kustomer/schedules', {
    parse: (v) => schedulesResponseSchema.parse(v),
  });

export function useSchedules() {
  const { api, keys } = useIntegrationApi();
  return useQuery({
    queryKey: keys.schedules(),
    queryFn: () => getSchedules(api),
    staleTime: 60_000,
  });
}

import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client.js';
import { integrationKeys } from './keys.js';

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

export const getSchedules = () =>
  apiFetch('/api/integrations/kustomer/schedules', {
    parse: (v) => schedulesResponseSchema.parse(v),
  });

export const useSchedules = () =>
  useQuery({ queryKey: integrationKeys.schedules(), queryFn: getSchedules, staleTime: 60_000 });

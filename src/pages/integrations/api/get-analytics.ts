import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { analyticsSchema, type AnalyticsRange } from '../../../shared/analytics.js';
import { integrationKeys } from './keys.js';

export const getAnalytics = (days: AnalyticsRange) =>
  apiFetch(`/api/integrations/kustomer/analytics?days=${days}`, {
    parse: (v) => analyticsSchema.parse(v),
  });

/** Refreshed every minute; the previous range stays on screen while another one loads. */
export const useAnalytics = (days: AnalyticsRange) =>
  useQuery({
    queryKey: integrationKeys.analytics(days),
    queryFn: () => getAnalytics(days),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });

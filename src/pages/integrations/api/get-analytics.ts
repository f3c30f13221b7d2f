import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { analyticsSchema, type AnalyticsRange } from '../../../shared/analytics.js';
import { useIntegrationApi } from './use-integration-api.js';

export const getAnalytics = (api: Api, days: AnalyticsRange) =>
  api.fetch(`/integrations/kustomer/analytics?days=${days}`, {
    parse: (v) => analyticsSchema.parse(v),
  });

/** Refreshed every minute; the previous range stays on screen while another one loads. */
export function useAnalytics(days: AnalyticsRange) {
  const { api, keys } = useIntegrationApi();
  return useQuery({
    queryKey: keys.analytics(days),
    queryFn: () => getAnalytics(api, days),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

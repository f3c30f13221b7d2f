import { useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { teamsResponseSchema } from '../../../shared/integration.js';
import { useIntegrationApi } from './use-integration-api.js';

export const getTeams = (api: Api) =>
  api.fetch('/integrations/kustomer/teams', {
    parse: (v) => teamsResponseSchema.parse(v).teams,
  });

export function useTeams() {
  const { api, keys } = useIntegrationApi();
  return useQuery({ queryKey: keys.teams(), queryFn: () => getTeams(api), staleTime: 60_000 });
}

import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { teamsResponseSchema } from '../../../shared/integration.js';
import { integrationKeys } from './keys.js';

export const getTeams = () =>
  apiFetch('/api/integrations/kustomer/teams', {
    parse: (v) => teamsResponseSchema.parse(v).teams,
  });

export const useTeams = () =>
  useQuery({ queryKey: integrationKeys.teams(), queryFn: getTeams, staleTime: 60_000 });

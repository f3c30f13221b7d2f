/** The API where this Integrations page's server is mounted, with the query keys of that base. */
import { useMemo } from 'react';
import type { Api } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-base.js';
import { integrationKeysAt, type IntegrationKeys } from './keys.js';

export function useIntegrationApi(): { api: Api; keys: IntegrationKeys } {
  const api = useApi();
  return useMemo(() => ({ api, keys: integrationKeysAt(api.base) }), [api]);
}

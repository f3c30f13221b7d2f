import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api-client.js';
import { customerLookupResponseSchema } from '../../../shared/integration.js';
import { useIntegrationApi } from './use-integration-api.js';

export const lookupCustomer = (api: Api, email: string) =>
  api.fetch(`/integrations/kustomer/customers?email=${encodeURIComponent(email)}`, {
    parse: (v) => customerLookupResponseSchema.parse(v).customer,
  });

/** A mutation, not a query: the admin asks once per click, and the answer is not shared state. */
export function useLookupCustomer() {
  const { api } = useIntegrationApi();
  return useMutation({ mutationFn: (email: string) => lookupCustomer(api, email) });
}

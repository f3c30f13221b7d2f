import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { customerLookupResponseSchema } from '../../../shared/integration.js';

export const lookupCustomer = (email: string) =>
  apiFetch(`/api/integrations/kustomer/customers?email=${encodeURIComponent(email)}`, {
    parse: (v) => customerLookupResponseSchema.parse(v).customer,
  });

/** A mutation, not a query: the admin asks once per click, and the answer is not shared state. */
export const useLookupCustomer = () => useMutation({ mutationFn: lookupCustomer });

import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../../../lib/api-client.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network blip might.
        retry: (count, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) &&
          count < 2,
        staleTime: 5_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

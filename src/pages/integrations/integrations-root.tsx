/**
 * The Integrations page as a host app mounts it: with a query client of its own unless the host
 * passes one, inside the scope of the module's stylesheet (`.kustomer-escalation`).
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiBaseContext, useApiBase } from '../../lib/api-base.js';
import { createQueryClient } from './api/query-client.js';
import IntegrationsPageContent from './integrations-page.js';

export interface IntegrationsPageProps {
  /** Share the host's TanStack Query client. @default a client of the page's own */
  queryClient?: QueryClient;
  /** Where the API is mounted (the server's `prefix`). @default the ApiBaseContext's, '/api' */
  apiBase?: string;
}

export function IntegrationsPage({ queryClient, apiBase }: IntegrationsPageProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const base = useApiBase(apiBase);
  return (
    <div className="kustomer-escalation">
      <ApiBaseContext.Provider value={base}>
        <QueryClientProvider client={client}>
          <IntegrationsPageContent />
        </QueryClientProvider>
      </ApiBaseContext.Provider>
    </div>
  );
}

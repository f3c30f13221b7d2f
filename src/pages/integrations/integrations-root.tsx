/**
 * The Integrations page as a host app mounts it: with a query client of its own unless the host
 * passes one, inside the scope of the module's stylesheet (`.kustomer-escalation`).
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createQueryClient } from './api/query-client.js';
import IntegrationsPageContent from './integrations-page.js';

export interface IntegrationsPageProps {
  /** Share the host's TanStack Query client. @default a client of the page's own */
  queryClient?: QueryClient;
}

export function IntegrationsPage({ queryClient }: IntegrationsPageProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <div className="kustomer-escalation">
      <QueryClientProvider client={client}>
        <IntegrationsPageContent />
      </QueryClientProvider>
    </div>
  );
}

/** Renders a component or route with a fresh QueryClient (no retries) and the app's router. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { RouterProvider } from '../../../src/app/router.js';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function renderUi(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  window.history.replaceState(null, '', path);
  const client = createTestQueryClient();
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider>{ui}</RouterProvider>
    </QueryClientProvider>,
  );
  return { ...view, user, client };
}

/** Opens a tab of the Integrations page once it has loaded. */
export async function openTab(name: string): Promise<void> {
  await userEvent.click(await screen.findByRole('tab', { name }));
}

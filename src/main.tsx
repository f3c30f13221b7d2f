import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { RouterProvider } from './app/router.js';
import './styles/kustomer-escalation.css';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The shell's own queries (the sandbox banner); the Integrations page brings its client. */}
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider>
        <App />
      </RouterProvider>
    </QueryClientProvider>
  </StrictMode>,
);

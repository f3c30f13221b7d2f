/**
 * A host that mounts the server under its own prefix (createEscalationServer({ prefix })) passes
 * that prefix as `apiBase`, or once through ApiBaseContext: every request of the page and the
 * sandbox banner goes there, and two mounts on one page (one query client) never mix their answers.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { SandboxBanner } from '../../../src/chat/sandbox-banner.js';
import { ApiBaseContext } from '../../../src/lib/api-base.js';
import { IntegrationsPage } from '../../../src/pages/integrations/integrations-root.js';
import { liveStatus, statusOf } from '../support/fixtures.js';
import { apiError, serveIntegrationApi } from '../support/integration-api.js';
import { createTestQueryClient } from '../support/render.js';
import { requestLog, server } from '../support/server.js';

/** Answers requests under `prefix` as the fake /api answers them (msw handles the forward too). */
const forwardUnder = (prefix: string) =>
  http.all(`${prefix}/*`, ({ request }) => {
    const url = new URL(request.url);
    url.pathname = `/api${url.pathname.slice(prefix.length)}`;
    return fetch(new Request(url, request));
  });

const underApi = () => requestLog.filter((line) => / \/api\//.test(line));

describe('the API base of the Integrations page and the sandbox banner', () => {
  it('sends every request of two pages to their own prefixes, sharing one query client', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      forwardUnder('/support/api'),
      http.all('/sales/api/*', () => apiError(401, 'admin_token_not_set', 'no ADMIN_TOKEN')),
    );
    const queryClient = createTestQueryClient();
    render(
      <>
        <section aria-label="support">
          <IntegrationsPage queryClient={queryClient} apiBase="/support/api/" />
        </section>
        <section aria-label="sales">
          <IntegrationsPage queryClient={queryClient} apiBase="/sales/api" />
        </section>
      </>,
    );
    const support = within(screen.getByRole('region', { name: 'support' }));
    const sales = within(screen.getByRole('region', { name: 'sales' }));
    expect(await support.findByRole('heading', { name: 'Kustomer CRM' })).toBeVisible();
    expect(await sales.findByRole('heading', { name: 'Admin token not set' })).toBeVisible();
    expect(support.queryByRole('heading', { name: 'Admin token not set' })).toBeNull();
    expect(requestLog).toContain('GET /support/api/integrations/kustomer');
    expect(requestLog).toContain('GET /sales/api/integrations/kustomer');
    // Only the forwards of /support/api reach /api: one each, never a request of its own.
    const forwarded = requestLog.filter((line) => line.includes(' /support/api/')).length;
    expect(underApi()).toHaveLength(forwarded);
  });

  it('takes the base from ApiBaseContext when no prop names one; a prop wins', async () => {
    serveIntegrationApi({ status: statusOf({ mode: 'sandbox' }) });
    server.use(forwardUnder('/helpdesk/api'), forwardUnder('/other/api'));
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <ApiBaseContext.Provider value="/helpdesk/api">
          <SandboxBanner />
          <SandboxBanner apiBase="/other/api" />
        </ApiBaseContext.Provider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('note')).toHaveLength(2));
    expect(requestLog).toContain('GET /helpdesk/api/ready');
    expect(requestLog).toContain('GET /other/api/ready');
    expect(underApi()).toEqual(['GET /api/ready', 'GET /api/ready']);
  });
});

import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.js';
import { liveStatus, statusOf } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { renderUi } from '../support/render.js';
import { server } from '../support/server.js';

// The pages are lazy chunks: the first test to open one imports the module's React door cold.
const LAZY = { timeout: 10_000 };

describe('the app shell', () => {
  it('opens the chat at / with the sandbox banner', async () => {
    serveIntegrationApi({ status: statusOf() });
    renderUi(<App />, { path: '/' });
    expect(await screen.findByRole('heading', { name: 'Support chat' }, LAZY)).toBeVisible();
    expect(await screen.findByRole('note')).toHaveTextContent(/^Sandbox mode:/);
    expect(screen.getByRole('link', { name: 'Chat' })).toHaveAttribute('aria-current', 'page');
  });

  it('navigates to Settings › Integrations, moving focus to the page', async () => {
    serveIntegrationApi({ status: statusOf() });
    const { user } = renderUi(<App />, { path: '/' });
    await screen.findByRole('heading', { name: 'Support chat' }, LAZY);
    await user.click(screen.getByRole('link', { name: 'Settings › Integrations' }));
    expect(await screen.findByRole('heading', { name: 'Kustomer CRM' }, LAZY)).toBeVisible();
    expect(window.location.pathname).toBe('/settings/integrations');
    expect(screen.getByRole('main')).toHaveFocus();
    expect(document.title).toBe('Integrations · Acme Support');
  });

  it('opens the Integrations page directly from its URL', async () => {
    serveIntegrationApi({ status: liveStatus() });
    renderUi(<App />, { path: '/settings/integrations' });
    expect(await screen.findByRole('status', { name: 'Status: Connected' })).toBeVisible();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows the sandbox banner to chat visitors who hold no admin token', async () => {
    serveIntegrationApi({ status: statusOf() });
    server.use(
      http.get(API, () => apiError(401, 'unauthorized', 'this endpoint needs the admin token')),
    );
    renderUi(<App />, { path: '/' });
    expect(await screen.findByRole('note')).toHaveTextContent(/^Sandbox mode:/);
  });

  it('shows no sandbox banner on a live deployment', async () => {
    serveIntegrationApi({ status: liveStatus() });
    let answered = false;
    server.use(
      http.get('/api/ready', () => {
        answered = true;
        return HttpResponse.json({ ready: true, checks: { mode: 'live' } });
      }),
    );
    renderUi(<App />, { path: '/' });
    expect(await screen.findByRole('heading', { name: 'Support chat' }, LAZY)).toBeVisible();
    await expect.poll(() => answered).toBe(true);
    await screen.findByRole('heading', { name: 'Support chat' }, LAZY);
    expect(screen.queryByText(/^Sandbox mode:/)).toBeNull();
  });
});

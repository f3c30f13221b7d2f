import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.js';
import { liveStatus, settingsOf, statusOf } from '../support/fixtures.js';
import { API, serveIntegrationApi } from '../support/integration-api.js';
import { renderUi } from '../support/render.js';
import { server } from '../support/server.js';

describe('the app shell', () => {
  it('opens the chat at / with the sandbox banner', async () => {
    serveIntegrationApi({ status: statusOf() });
    renderUi(<App />, { path: '/' });
    expect(await screen.findByRole('heading', { name: 'Support chat' })).toBeVisible();
    expect(await screen.findByRole('note')).toHaveTextContent(/^Sandbox mode:/);
    expect(screen.getByRole('link', { name: 'Chat' })).toHaveAttribute('aria-current', 'page');
  });

  it('navigates to Settings › Integrations, moving focus to the page', async () => {
    serveIntegrationApi({ status: statusOf() });
    const { user } = renderUi(<App />, { path: '/' });
    await screen.findByRole('heading', { name: 'Support chat' });
    await user.click(screen.getByRole('link', { name: 'Settings › Integrations' }));
    expect(await screen.findByRole('heading', { name: 'Kustomer CRM' })).toBeVisible();
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

  it('drops the sandbox banner once the integration is switched off with a live key', async () => {
    const api = serveIntegrationApi({ status: statusOf() });
    server.use(
      http.put(`${API}/settings`, () => {
        api.status = liveStatus({
          mode: 'disabled',
          status: 'disabled',
          settings: settingsOf({ enabled: false }),
        });
        return HttpResponse.json(api.status.settings);
      }),
    );
    const { user } = renderUi(<App />, { path: '/settings/integrations' });
    expect(await screen.findByRole('note')).toBeVisible();
    await user.click(await screen.findByRole('switch', { name: 'Kustomer integration enabled' }));
    await screen.findByRole('status', { name: 'Status: Disabled' });
    await expect.poll(() => screen.queryByText(/^Sandbox mode:/)).toBeNull();
  });
});

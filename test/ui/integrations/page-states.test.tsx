import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { integrationKeysAt } from '../../../src/pages/integrations/api/keys.js';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { liveStatus } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { server } from '../support/server.js';

/** A response the test releases when it has looked at the loading state. */
function held() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { gate, release };
}

describe('the Integrations page while loading, failing and signed out', () => {
  it('shows a loading state until the status arrives', async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    const { gate, release } = held();
    server.use(
      http.get(API, async () => {
        await gate;
        return HttpResponse.json(api.status);
      }),
    );
    renderUi(<IntegrationsPage />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the Kustomer integration…');
    release();
    expect(await screen.findByRole('heading', { name: 'Kustomer CRM' })).toBeVisible();
    expect(screen.queryByText('Loading the Kustomer integration…')).toBeNull();
  });

  it('shows the error with Try again, which loads the page once the server answers', async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    let calls = 0;
    server.use(
      http.get(API, () =>
        ++calls === 1
          ? apiError(500, 'internal_error', 'something went wrong; the request id is in the logs')
          : HttpResponse.json(api.status),
      ),
    );
    const { user } = renderUi(<IntegrationsPage />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the integration: something went wrong; the request id is in the logs',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Kustomer CRM' })).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when the server cannot be reached at all', async () => {
    serveIntegrationApi();
    server.use(http.get(API, () => HttpResponse.error()));
    renderUi(<IntegrationsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not reach the server. Check your connection and try again.',
    );
  });

  it('asks for the admin token on 401 and sends it as a bearer token from then on', async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    const seen: (string | null)[] = [];
    server.use(
      http.get(API, ({ request }) => {
        const auth = request.headers.get('authorization');
        seen.push(auth);
        return auth === 'Bearer correct-horse-battery-staple'
          ? HttpResponse.json(api.status)
          : apiError(401, 'unauthorized', 'this endpoint needs the admin token');
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await screen.findByRole('heading', { name: 'Admin sign-in' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Admin token')).toHaveAccessibleDescription(
      'Enter the admin token',
    );

    await user.type(screen.getByLabelText('Admin token'), 'wrong-token-000000');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByText('The server did not accept that token. Check it and try again.'),
    ).toBeVisible();

    await user.clear(screen.getByLabelText('Admin token'));
    await user.type(screen.getByLabelText('Admin token'), 'correct-horse-battery-staple');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Kustomer CRM' })).toBeVisible();
    expect(seen).toEqual([
      null,
      'Bearer wrong-token-000000',
      'Bearer correct-horse-battery-staple',
    ]);
  });

  it('says how to set the admin token when the deployment has none, instead of asking for it', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      http.get(API, () =>
        apiError(401, 'admin_token_not_set', 'this deployment has no ADMIN_TOKEN'),
      ),
    );
    renderUi(<IntegrationsPage />);
    expect(await screen.findByRole('heading', { name: 'Admin token not set' })).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('openssl rand -hex 32');
    expect(screen.queryByLabelText('Admin token')).toBeNull();
  });

  it('keeps the card usable and says so when the teams cannot be loaded', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      http.get(`${API}/teams`, () =>
        apiError(502, 'kustomer_permission', 'the key lacks org.permission.team.read'),
      ),
    );
    renderUi(<IntegrationsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Teams could not be loaded from Kustomer: the key lacks org.permission.team.read',
    );
    await openTab('Settings');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeEnabled();
  });

  it('says when Kustomer has no teams yet', async () => {
    serveIntegrationApi({ status: liveStatus(), teams: [] });
    renderUi(<IntegrationsPage />);
    expect(await screen.findByLabelText('Default team')).toHaveAccessibleDescription(
      'No teams found in Kustomer: create one there first.',
    );
  });

  it('keeps showing the last state, with a warning, when a refresh fails', async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    let calls = 0;
    server.use(
      http.get(API, () =>
        ++calls === 1 ? HttpResponse.json(api.status) : apiError(503, 'unavailable', 'busy'),
      ),
    );
    const { client } = renderUi(<IntegrationsPage />);
    await screen.findByRole('heading', { name: 'Kustomer CRM' });
    await client.refetchQueries({ queryKey: integrationKeysAt('/api').status() });
    expect(
      await screen.findByText('Showing the last known state: refreshing failed (busy).'),
    ).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Kustomer CRM' })).toBeVisible();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import type { IntegrationStatus } from '../../../src/shared/integration.js';
import { liveStatus, outboxItemOf, settingsOf, statusOf } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { requestLog, server } from '../support/server.js';

const BADGES: [IntegrationStatus['status'], IntegrationStatus['mode'], string][] = [
  ['connected', 'live', 'Connected'],
  ['sandbox', 'sandbox', 'Sandbox'],
  ['degraded', 'live', 'Degraded – fallback mode active'],
  ['disconnected', 'live', 'Disconnected'],
  ['disabled', 'disabled', 'Disabled'],
];

describe('the Kustomer CRM card', () => {
  it.each(BADGES)('shows status %s (mode %s) as the badge "%s"', async (status, mode, label) => {
    serveIntegrationApi({
      status: liveStatus({
        status,
        mode,
        settings: settingsOf({ enabled: status !== 'disabled' }),
      }),
    });
    renderUi(<IntegrationsPage />);
    const badge = await screen.findByRole('status', { name: `Status: ${label}` });
    expect(badge).toHaveTextContent(label);
    const others = BADGES.filter(([, , other]) => other !== label);
    for (const [, , other] of others)
      expect(screen.queryByRole('status', { name: `Status: ${other}` })).toBeNull();
  });

  it('explains fallback mode when degraded and lists what is waiting', async () => {
    serveIntegrationApi({
      status: liveStatus({
        status: 'degraded',
        breaker: 'open',
        outbox: { queued: 1, items: [outboxItemOf()] },
      }),
    });
    renderUi(<IntegrationsPage />);
    expect(await screen.findByText(/Fallback mode: Kustomer is not answering/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Retry now esc-queued-1' })).toBeEnabled();
  });

  it('says why it is disconnected, from the last connection test', async () => {
    serveIntegrationApi({
      status: liveStatus({
        status: 'disconnected',
        connection: {
          ok: false,
          checkedAt: '2026-01-01T10:00:00.000Z',
          latencyMs: null,
          error: {
            code: 'auth',
            message: 'Kustomer rejected the API key (401)',
            fix: null,
            outage: false,
          },
          permissions: null,
          sla: null,
        },
      }),
    });
    renderUi(<IntegrationsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Kustomer did not accept the last connection test: Kustomer rejected the API key (401)',
    );
  });

  it('says when the connection was last tested, and how it went', async () => {
    const threeMinutesAgo = new Date(Date.now() - 3 * 60_000).toISOString();
    serveIntegrationApi({
      status: liveStatus({
        connection: {
          ok: true,
          checkedAt: threeMinutesAgo,
          latencyMs: 80,
          error: null,
          permissions: null,
          sla: null,
        },
      }),
    });
    renderUi(<IntegrationsPage />);
    expect(await screen.findByText('Connection last tested 3 min ago: OK.')).toBeVisible();
  });

  it('says so when the connection was never tested', async () => {
    serveIntegrationApi({ status: liveStatus() });
    renderUi(<IntegrationsPage />);
    expect(
      await screen.findByText('Connection not tested yet since the server started.'),
    ).toBeVisible();
  });

  it('switches the integration off, then shows it Disabled from the refetched status', async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    const bodies: unknown[] = [];
    server.use(
      http.put(`${API}/settings`, async ({ request }) => {
        const body = (await request.json()) as { enabled: boolean };
        bodies.push(body);
        api.status = liveStatus({
          status: 'disabled',
          mode: 'disabled',
          settings: settingsOf({ enabled: body.enabled }),
        });
        return HttpResponse.json(api.status.settings);
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    const toggle = await screen.findByRole('switch', { name: 'Kustomer integration enabled' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    const dialog = screen.getByRole('alertdialog', {
      name: 'Switch the Kustomer integration off?',
    });
    expect(dialog).toHaveAccessibleDescription(/will be told it is switched off/);
    expect(bodies).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Switch off' }));
    expect(await screen.findByRole('status', { name: 'Status: Disabled' })).toBeVisible();
    expect(screen.getByRole('switch', { name: 'Kustomer integration enabled' })).not.toBeChecked();
    expect(bodies).toEqual([{ enabled: false }]);
    expect(screen.getByText(/the chat tells customers that talking to a person/)).toBeVisible();
    expect(requestLog.filter((line) => line === `GET ${API}`)).toHaveLength(2);
  });

  it('asks before switching off: focus on Keep it on, Escape keeps it on and returns to the switch', async () => {
    serveIntegrationApi({
      status: liveStatus({ settings: settingsOf({ whenDisabled: 'queue' }) }),
    });
    const { user } = renderUi(<IntegrationsPage />);
    const toggle = await screen.findByRole('switch', { name: 'Kustomer integration enabled' });
    await user.click(toggle);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveAccessibleDescription(/their requests wait in the outbox/);
    expect(within(dialog).getByRole('button', { name: 'Keep it on' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Switch off' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Keep it on' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(toggle).toHaveFocus());
    expect(toggle).toBeChecked();
    expect(requestLog.filter((line) => line.startsWith('PUT'))).toEqual([]);
  });

  it('shows why the switch did not move when the save fails', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(http.put(`${API}/settings`, () => apiError(503, 'unavailable', 'Store is down')));
    const { user } = renderUi(<IntegrationsPage />);
    await user.click(await screen.findByRole('switch', { name: 'Kustomer integration enabled' }));
    await user.click(screen.getByRole('button', { name: 'Switch off' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not switch the integration off: Store is down',
    );
    expect(screen.getByRole('switch', { name: 'Kustomer integration enabled' })).toBeChecked();
  });

  it('shows the org, the region and only the last four characters of the key', async () => {
    serveIntegrationApi({ status: liveStatus() });
    renderUi(<IntegrationsPage />);
    await openTab('Settings');
    const details = within(await screen.findByLabelText('Kustomer org'));
    expect(details.getByText('acme')).toBeVisible();
    expect(details.getByText('EU')).toBeVisible();
    expect(details.getByText('••••••••x9Qz')).toBeVisible();
    expect(details.getByText('30 days, then deleted here (Kustomer keeps its copy)')).toBeVisible();
  });

  it('says when finished escalations are kept forever', async () => {
    serveIntegrationApi({ status: { ...liveStatus(), retentionDays: 0 } });
    renderUi(<IntegrationsPage />);
    await openTab('Settings');
    const details = within(await screen.findByLabelText('Kustomer org'));
    expect(details.getByText('Forever (ESCALATION_RETENTION_DAYS=0)')).toBeVisible();
  });

  it('shows the sandbox inspector in sandbox mode only', async () => {
    serveIntegrationApi({ status: liveStatus() });
    renderUi(<IntegrationsPage />);
    await screen.findByRole('heading', { name: 'Kustomer CRM' });
    expect(screen.queryByRole('tab', { name: 'Sandbox' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Sandbox inspector', hidden: true })).toBeNull();
    expect(requestLog).not.toContain(`GET ${API}/sandbox`);
  });

  it('shows the sandbox inspector in sandbox mode', async () => {
    serveIntegrationApi({ status: statusOf() });
    renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    expect(await screen.findByRole('heading', { name: 'Sandbox inspector' })).toBeVisible();
  });
});

/**
 * Settings › Business hours: the schedule (Kustomer's list, or the org's default) and what a
 * hand-off gets out of hours, saved on their own; a rule's own out-of-hours choice on Routing.
 */
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { liveStatus } from '../support/fixtures.js';
import { acceptSettingsSaves, API, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { server } from '../support/server.js';

describe('Business hours', () => {
  it("chooses one of Kustomer's schedules and lets the customer choose out of hours", async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    const bodies = acceptSettingsSaves(api);
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Settings');
    const schedule = await screen.findByLabelText('Business schedule');
    expect(schedule).toHaveValue('');
    await within(schedule).findByRole('option', { name: 'Biz Hours (America/New_York), default' });
    const email = screen.getByRole('radio', { name: /Hand off as an email follow-up/ });
    expect(email).toBeChecked();
    await user.selectOptions(schedule, '5e21e0f9520ec30019df3dcf');
    await user.click(screen.getByRole('radio', { name: /Let the customer choose/ }));
    await user.click(screen.getByRole('button', { name: 'Save business hours' }));
    expect(await screen.findByText('Business hours saved.')).toBeVisible();
    expect(bodies).toEqual([
      { availability: { scheduleId: '5e21e0f9520ec30019df3dcf', outOfHours: 'ask' } },
    ]);
  });

  it("says when Kustomer's schedules cannot be listed, keeping the default", async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      http.get(`${API}/schedules`, () =>
        HttpResponse.json({ schedules: [], error: 'Kustomer GET /v1/schedules failed: 503' }),
      ),
    );
    renderUi(<IntegrationsPage />);
    await openTab('Settings');
    const schedule = await screen.findByLabelText('Business schedule');
    expect(
      await screen.findByText(
        "Kustomer's schedules could not be listed: Kustomer GET /v1/schedules failed: 503",
      ),
    ).toBeVisible();
    expect(within(schedule).getAllByRole('option')).toHaveLength(1);
  });
});

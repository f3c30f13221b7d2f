import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { analyticsOf } from '../support/analytics-fixture.js';
import { liveStatus } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { requestsTo, server } from '../support/server.js';

const figure = (label: string) =>
  within(screen.getByLabelText('Hand-off figures')).getByText(label).nextElementSibling;

describe('Analytics tab', () => {
  it('shows the waits in words, the days as a named chart with a table, and the breakdowns as rows', async () => {
    serveIntegrationApi({ status: liveStatus() });
    renderUi(<IntegrationsPage />);
    await openTab('Analytics');
    const panel = screen.getByRole('tabpanel', { name: 'Analytics' });
    await within(panel).findByLabelText('Hand-off figures');
    const data = analyticsOf(30);
    expect(figure('Escalations')).toHaveTextContent(String(data.totals.escalations));
    expect(figure('Until the chat heard “escalated”, median (p50)')).toHaveTextContent('1.2 s');
    expect(figure('Until the chat heard “escalated”, p95')).toHaveTextContent('3.9 s');
    expect(figure('Until the first agent reply, median (p50)')).toHaveTextContent('5 min');
    expect(figure('Until the first agent reply, p95')).toHaveTextContent('1 h 32 min');
    expect(within(panel).getByText(/time zone: UTC/)).toBeVisible();

    const chart = within(panel).getByRole('img', { name: /^Escalations per day \(UTC\)/ });
    const busiest = data.days.reduce((a, b) => (b.escalations > a.escalations ? b : a));
    expect(chart).toHaveAccessibleName(
      expect.stringContaining(`${data.totals.escalations} escalations in 30 days`),
    );
    expect(chart).toHaveAccessibleName(expect.stringContaining(`with ${busiest.escalations}.`));
    // The same figures as a table: a row per day, newest first.
    const table = within(panel).getByRole('region', { name: 'Escalations per day, table' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(31);
    expect(rows[1]).toHaveTextContent(new RegExp(`^2026-11-30${data.days[29]!.escalations}`));

    const rules = within(panel).getByRole('table', { name: 'By routing rule' });
    expect(within(rules).getByRole('rowheader', { name: 'Billing' })).toBeVisible();
    expect(
      within(rules).getByRole('rowheader', { name: 'No rule matched (defaults)' }),
    ).toBeVisible();
    expect(within(rules).getByRole('rowheader', { name: 'Not routed yet' })).toBeVisible();
    const outcomes = within(panel).getByRole('table', { name: 'How they ended' });
    expect(
      within(outcomes).getByRole('rowheader', { name: 'Needs attention' }).nextElementSibling,
    ).toHaveTextContent(String(data.totals.dead));
  });

  it('asks for another range when one is picked, by keyboard too', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Analytics');
    const panel = screen.getByRole('tabpanel', { name: 'Analytics' });
    await within(panel).findByRole('img', { name: /in 30 days/ });
    const thirty = within(panel).getByRole('radio', { name: 'Last 30 days' });
    expect(thirty).toBeChecked();
    thirty.focus();
    await user.keyboard('{ArrowLeft}');
    expect(within(panel).getByRole('radio', { name: 'Last 7 days' })).toBeChecked();
    await within(panel).findByRole('img', { name: /in 7 days/ });
    expect(requestsTo('GET', `${API}/analytics`)).toBeGreaterThanOrEqual(2);
    expect(
      within(
        within(panel).getByRole('region', { name: 'Escalations per day, table' }),
      ).getAllByRole('row'),
    ).toHaveLength(8);
  });

  it('says so when the figures cannot be loaded, and tries again on request', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      http.get(`${API}/analytics`, () => apiError(503, 'store_unavailable', 'Store down')),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Analytics');
    const panel = screen.getByRole('tabpanel', { name: 'Analytics' });
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'Could not load the figures: Store down',
    );
    serveIntegrationApi({ status: liveStatus() });
    await user.click(within(panel).getByRole('button', { name: 'Try again' }));
    await within(panel).findByLabelText('Hand-off figures');
  });
});

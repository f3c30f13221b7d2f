import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { liveStatus, statusOf } from '../support/fixtures.js';
import { serveIntegrationApi } from '../support/integration-api.js';
import { renderUi } from '../support/render.js';

const tabNames = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

describe('the Integrations tabs', () => {
  it('has Overview, Settings, Routing, Analytics, Diagnostics and Sandbox, one tab stop, arrows and Home/End', async () => {
    serveIntegrationApi({ status: statusOf() });
    const { user } = renderUi(<IntegrationsPage />);
    const overview = await screen.findByRole('tab', { name: 'Overview' });
    expect(tabNames()).toEqual([
      'Overview',
      'Settings',
      'Routing',
      'Analytics',
      'Diagnostics',
      'Sandbox',
    ]);
    expect(overview).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Overview' })).toBeVisible();
    expect(screen.getAllByRole('tab').filter((tab) => tab.tabIndex === 0)).toEqual([overview]);

    overview.focus();
    await user.keyboard('{ArrowRight}');
    const settings = screen.getByRole('tab', { name: 'Settings' });
    expect(settings).toHaveFocus();
    expect(settings).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Settings' })).toBeVisible();
    expect(screen.queryByRole('tabpanel', { name: 'Overview' })).toBeNull();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Sandbox' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(overview).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Sandbox' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Home}');
    expect(overview).toHaveAttribute('aria-selected', 'true');
  });

  it('keeps a half-edited form while another tab is looked at', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const { user } = renderUi(<IntegrationsPage />);
    await user.click(await screen.findByRole('tab', { name: 'Routing' }));
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    await user.type(screen.getByLabelText('Name'), 'Refunds');
    await user.click(screen.getByRole('tab', { name: 'Diagnostics' }));
    await user.click(screen.getByRole('tab', { name: 'Routing' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Refunds');
    expect(tabNames()).not.toContain('Sandbox');
  });
});

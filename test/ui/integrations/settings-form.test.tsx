import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { BILLING, liveStatus, settingsOf, TECH } from '../support/fixtures.js';
import {
  acceptSettingsSaves,
  API,
  apiError,
  serveIntegrationApi,
} from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { requestLog, server } from '../support/server.js';

const rule = (n: number) => within(screen.getByRole('listitem', { name: `Rule ${n}` }));

describe('Configure', () => {
  it("saves each tab's own fields: defaults on Routing, sync and debug on Settings", async () => {
    const api = serveIntegrationApi({ status: liveStatus() });
    const bodies = acceptSettingsSaves(api);
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    const team = await screen.findByLabelText('Default team');
    expect(
      within(team)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['No team (unassigned)', 'Billing', 'Technical']);
    await user.selectOptions(team, 'Technical');
    await user.selectOptions(screen.getByLabelText('Default priority'), '4 – High');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeVisible();
    await openTab('Settings');
    await user.click(screen.getByLabelText(/Sync the chat transcript/));
    await user.click(screen.getByLabelText(/Debug mode/));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const panel = within(screen.getByRole('tabpanel', { name: 'Settings' }));
    expect(await panel.findByText('Settings saved.')).toBeVisible();
    expect(bodies).toEqual([
      { defaultTeamId: TECH.id, defaultPriority: 4, defaultQueueId: null, routingRules: [] },
      { whenDisabled: 'refuse', conversationAttributes: [], transcriptSync: false, debug: true },
    ]);
    expect(requestLog.filter((line) => line === `GET ${API}`)).toHaveLength(3);
    await openTab('Routing');
    expect(screen.getByLabelText('Default team')).toHaveValue(TECH.id);
  });

  it('shows the saved default team once the teams arrive', async () => {
    serveIntegrationApi({
      status: liveStatus({ settings: settingsOf({ defaultTeamId: BILLING.id }) }),
    });
    renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await screen.findByRole('option', { name: 'Billing' });
    expect(screen.getByLabelText('Default team')).toHaveValue(BILLING.id);
  });

  it('puts the server field errors on their fields and focuses the first', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(
      http.put(`${API}/settings`, () =>
        apiError(400, 'validation_failed', 'the request body is not valid', {
          defaultTeamId: `team ${TECH.id} does not exist in Kustomer`,
          'routingRules.0.teamId': `team ${BILLING.id} does not exist in Kustomer`,
          'routingRules.0.intents.1': 'Too big: expected string to have <=64 characters',
          'routingRules.0.id': 'rule id "r1" is used twice',
        }),
      ),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await user.selectOptions(await screen.findByLabelText('Default team'), 'Technical');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    await user.type(rule(1).getByLabelText('Intents'), 'billing, refunds');
    await user.selectOptions(rule(1).getByLabelText('Team'), 'Billing');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const teamField = screen.getByLabelText('Default team');
    expect(await screen.findByText(`team ${TECH.id} does not exist in Kustomer`)).toBeVisible();
    expect(teamField).toHaveAttribute('aria-invalid', 'true');
    expect(teamField).toHaveAccessibleDescription(`team ${TECH.id} does not exist in Kustomer`);
    expect(teamField).toHaveFocus();
    expect(rule(1).getByLabelText('Team')).toHaveAccessibleDescription(
      `team ${BILLING.id} does not exist in Kustomer`,
    );
    expect(rule(1).getByLabelText('Intents')).toHaveAccessibleDescription(
      expect.stringContaining('Too big: expected string to have <=64 characters'),
    );
    expect(
      screen.getByText(
        'The server did not accept these settings. Rule 1: rule id "r1" is used twice',
      ),
    ).toHaveAttribute('role', 'alert');
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  it('stops a rule without conditions in the browser, with no request', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await user.click(await screen.findByRole('button', { name: 'Add rule' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(rule(1).getByLabelText('Intents')).toHaveAccessibleDescription(
      expect.stringContaining(
        'Give at least one condition: an intent, a keyword, a reason or an attribute',
      ),
    );
    expect(requestLog.filter((line) => line.startsWith('PUT'))).toEqual([]);
  });

  it('checks the form against the shared settings schema before sending it', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await user.click(await screen.findByRole('button', { name: 'Add rule' }));
    await user.type(rule(1).getByLabelText('Intents'), 'x'.repeat(65));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Fix the highlighted settings.')).toBeVisible();
    expect(rule(1).getByLabelText('Intents')).toHaveAttribute('aria-invalid', 'true');
    expect(rule(1).getByLabelText('Intents')).toHaveFocus();
    expect(requestLog.filter((line) => line.startsWith('PUT'))).toEqual([]);
  });

  it('rejects custom attribute keys Kustomer would refuse', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Settings');
    await user.type(await screen.findByLabelText('Conversation custom attributes'), 'botIntent');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByLabelText('Conversation custom attributes')).toHaveAccessibleDescription(
      expect.stringContaining('Each key ends in Str, Txt, Num, Bool, At or Url'),
    );
    expect(requestLog.filter((line) => line.startsWith('PUT'))).toEqual([]);
  });

  it('says so when saving fails without field errors', async () => {
    serveIntegrationApi({ status: liveStatus() });
    server.use(http.put(`${API}/settings`, () => apiError(503, 'unavailable', 'Store is down')));
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Settings');
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Store is down');
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import type { RoutingRule } from '../../../src/shared/settings.js';
import { BILLING, liveStatus, settingsOf, TECH } from '../support/fixtures.js';
import { acceptSettingsSaves, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';

const rule = (n: number) => within(screen.getByRole('listitem', { name: `Rule ${n}` }));
const RULES: RoutingRule[] = [
  { id: 'r-billing', name: 'Billing', intents: ['billing'], teamId: BILLING.id, priority: 4 },
  { id: 'r-angry', name: 'Unhappy', reasons: ['negative_sentiment'], teamId: TECH.id },
];

describe('the routing rules editor', () => {
  it('starts empty, adds a rule with focus in it, and saves intent, keyword and reason rules', async () => {
    const bodies = acceptSettingsSaves(serveIntegrationApi({ status: liveStatus() }));
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    expect(await screen.findByText(/No rules yet/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(rule(1).getByLabelText('Name')).toHaveFocus();
    await user.keyboard('Refunds');
    await user.type(rule(1).getByLabelText('Keywords'), 'refund, chargeback');
    await user.click(rule(1).getByLabelText('negative sentiment'));
    await user.selectOptions(rule(1).getByLabelText('Team'), 'Billing');
    await user.selectOptions(rule(1).getByLabelText('Priority'), '5 – Urgent');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(bodies[0]?.routingRules).toEqual([
      {
        id: expect.stringMatching(/^rule-/),
        name: 'Refunds',
        keywords: ['refund', 'chargeback'],
        reasons: ['negative_sentiment'],
        teamId: BILLING.id,
        priority: 5,
      },
    ]);
  });

  it('reorders by keyboard, keeps focus on the moved rule, and announces the move', async () => {
    const bodies = acceptSettingsSaves(
      serveIntegrationApi({
        status: liveStatus({ settings: settingsOf({ routingRules: RULES }) }),
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    expect(await screen.findByRole('button', { name: 'Move rule 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move rule 2 down' })).toBeDisabled();

    screen.getByRole('button', { name: 'Move rule 1 down' }).focus();
    await user.keyboard('{Enter}');
    expect(rule(1).getByLabelText('Name')).toHaveValue('Unhappy');
    expect(rule(2).getByLabelText('Name')).toHaveValue('Billing');
    // Down is disabled at the bottom, so focus lands on the same rule's other arrow.
    expect(screen.getByRole('button', { name: 'Move rule 2 up' })).toHaveFocus();
    expect(screen.getByText('Rule 1 moved to position 2 of 2.')).toBeInTheDocument();

    await user.keyboard(' ');
    expect(rule(1).getByLabelText('Name')).toHaveValue('Billing');
    expect(screen.getByRole('button', { name: 'Move rule 1 down' })).toHaveFocus();
    await user.keyboard('{Enter}');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(bodies[0]?.routingRules?.map((r) => r.id)).toEqual(['r-angry', 'r-billing']);
  });

  it('removes a rule and returns focus to Add rule', async () => {
    serveIntegrationApi({ status: liveStatus({ settings: settingsOf({ routingRules: RULES }) }) });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await user.click(await screen.findByRole('button', { name: 'Remove rule 1' }));
    expect(screen.queryByRole('listitem', { name: 'Rule 2' })).toBeNull();
    expect(rule(1).getByLabelText('Name')).toHaveValue('Unhappy');
    expect(screen.getByRole('button', { name: 'Add rule' })).toHaveFocus();
  });

  it('asks for the value when a rule matches on a customer attribute', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await user.click(await screen.findByRole('button', { name: 'Add rule' }));
    await user.type(rule(1).getByLabelText('Customer attribute'), 'plan');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(rule(1).getByLabelText('Attribute equals')).toHaveAccessibleDescription(
      expect.stringContaining('Give the value the attribute must equal'),
    );
  });
});

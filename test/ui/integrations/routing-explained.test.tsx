import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import type { RoutingTrialRequest } from '../../../src/shared/routing-trial.js';
import type { RoutingRule } from '../../../src/shared/settings.js';
import { BILLING, liveStatus, settingsOf, TECH } from '../support/fixtures.js';
import { acceptSettingsSaves, API, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { server } from '../support/server.js';

const rule = (n: number) => within(screen.getByRole('listitem', { name: `Rule ${n}` }));
const REFUNDS: RoutingRule = {
  id: 'r-refunds',
  name: 'Refunds',
  intents: ['billing', 'refund'],
  keywords: ['refund', 'charged twice'],
  teamId: null,
};

function serveWith(rules: RoutingRule[]) {
  return serveIntegrationApi({
    status: liveStatus({
      settings: settingsOf({ routingRules: rules, defaultTeamId: TECH.id, defaultPriority: 3 }),
    }),
  });
}

describe('routing rules that say what they do', () => {
  it('states that all conditions must match and sums each rule up in one line', async () => {
    serveWith([
      REFUNDS,
      { id: 'r-2', reasons: ['negative_sentiment'], teamId: 'none', priority: 5 },
    ]);
    renderUi(<IntegrationsPage />);
    await openTab('Routing');
    expect(await screen.findByText('all the conditions you fill in must match')).toBeVisible();
    expect(
      rule(1).getByText(
        'If intent is billing or refund and the customer wrote “refund” or “charged twice” → the default team (Technical), priority medium (default).',
      ),
    ).toBeVisible();
    expect(
      rule(2).getByText('If reason is negative sentiment → no team, priority urgent.'),
    ).toBeVisible();
    expect(rule(2).getByLabelText('Team')).toHaveValue('none');
  });

  it('offers the intents the bot knows as toggles that edit the intents field', async () => {
    serveWith([REFUNDS]);
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await screen.findByRole('listitem', { name: 'Rule 1' });
    const billing = rule(1).getByRole('button', { name: 'billing' });
    expect(billing).toHaveAttribute('aria-pressed', 'true');
    await user.click(rule(1).getByRole('button', { name: 'shipping' }));
    expect(rule(1).getByLabelText('Intents')).toHaveValue('billing, refund, shipping');
    await user.click(billing);
    expect(rule(1).getByLabelText('Intents')).toHaveValue('refund, shipping');
    expect(rule(1).getByText(/^If intent is refund or shipping/)).toBeVisible();
  });

  it('saves "No team" as an explicit choice, apart from the default team', async () => {
    const saves = acceptSettingsSaves(serveWith([REFUNDS]));
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await screen.findByRole('listitem', { name: 'Rule 1' });
    await user.selectOptions(rule(1).getByLabelText('Team'), 'No team (unassigned)');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(saves[0]?.routingRules?.[0]?.teamId).toBe('none');
  });

  it('tries a sample against the rules being edited and shows why each rule did or did not match', async () => {
    serveWith([REFUNDS]);
    const trials: RoutingTrialRequest[] = [];
    server.use(
      http.post(`${API}/routing/try`, async ({ request }) => {
        trials.push((await request.json()) as RoutingTrialRequest);
        return HttpResponse.json({
          ruleId: null,
          team: { id: TECH.id, name: 'Technical' },
          priority: 3,
          explanation: 'No routing rule matched; defaults applied.',
          rules: [
            {
              id: 'r-refunds',
              name: 'Refunds',
              matched: false,
              checks: [
                { condition: 'intent', ok: true, detail: 'intent "billing" is one of "billing"' },
                { condition: 'keyword', ok: false, detail: 'the customer wrote none of "refund"' },
              ],
            },
          ],
        });
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await screen.findByRole('listitem', { name: 'Rule 1' });
    await user.selectOptions(rule(1).getByLabelText('Team'), BILLING.name);
    await user.type(screen.getByLabelText('The customer wrote'), 'Why is my invoice high?');
    await user.type(screen.getByLabelText('Intent reported by the bot'), 'billing{Enter}');
    expect(
      await screen.findByText('No rule matches: the defaults apply → Technical, priority medium.'),
    ).toBeVisible();
    const rules = screen.getByRole('list', { name: 'Each rule against the sample' });
    expect(within(rules).getByText('Rule 1 (Refunds): no match')).toBeVisible();
    expect(within(rules).getByText('the customer wrote none of "refund"')).toBeVisible();
    // The unsaved edit (team Billing) is what was tried; Enter did not save the settings.
    expect(trials).toHaveLength(1);
    expect(trials[0]).toMatchObject({
      text: 'Why is my invoice high?',
      intent: 'billing',
      reason: 'user_requested',
      rules: { routingRules: [{ id: 'r-refunds', teamId: BILLING.id }], defaultTeamId: TECH.id },
    });
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });
});

/**
 * The Integrations page on Kustomer's queues and SLAs: the routing editor offers the org's queues
 * (default and per rule) and saves them, says why when the key cannot list them, the sample trial
 * names the queue; Test connection shows the SLA check; the sandbox inspector makes a policy one
 * the transcript would fool.
 */
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { connectionResultSchema, type SlaCheck } from '../../../src/shared/integration.js';
import { liveStatus, permissionsOf, sandboxOf, settingsOf, statusOf } from '../support/fixtures.js';
import {
  acceptSettingsSaves,
  API,
  QUEUES,
  serveIntegrationApi,
} from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { server } from '../support/server.js';

const [CHAT, VIP] = QUEUES as [(typeof QUEUES)[0], (typeof QUEUES)[0]];
const rule = (n: number) => within(screen.getByRole('listitem', { name: `Rule ${n}` }));

describe('queues in the routing editor', () => {
  it('offers the queues, saves a default queue and a rule queue, and sums the rule up with it', async () => {
    const bodies = acceptSettingsSaves(serveIntegrationApi({ status: liveStatus() }));
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    const defaultQueue = await screen.findByLabelText('Default queue');
    await within(defaultQueue).findByRole('option', { name: 'VIP Support' });
    await user.selectOptions(defaultQueue, 'Chat');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    await user.type(rule(1).getByLabelText('Intents'), 'vip');
    await user.selectOptions(rule(1).getByLabelText('Queue'), 'VIP Support');
    expect(screen.getByText(/If intent is vip → .*, queue VIP Support\./)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(bodies[0]).toMatchObject({
      defaultQueueId: CHAT.id,
      routingRules: [expect.objectContaining({ intents: ['vip'], queueId: VIP.id })],
    });
  });

  it('says why there are no queues when the key cannot list them', async () => {
    serveIntegrationApi({
      status: liveStatus(),
      queues: {
        queues: [],
        unavailable: 'the API key cannot read queues (org.permission.queue.read)',
      },
    });
    renderUi(<IntegrationsPage />);
    await openTab('Routing');
    expect(await screen.findByLabelText('Default queue')).toHaveAccessibleDescription(
      expect.stringContaining('org.permission.queue.read'),
    );
  });

  it('names the queue a sample escalation would go to', async () => {
    serveIntegrationApi({
      status: liveStatus({ settings: settingsOf({ defaultQueueId: VIP.id }) }),
    });
    server.use(
      http.post(`${API}/routing/try`, () =>
        HttpResponse.json({
          ruleId: null,
          team: null,
          queue: { id: VIP.id, name: 'VIP Support' },
          priority: 3,
          explanation: 'No routing rule matched; defaults applied.',
          rules: [],
        }),
      ),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Routing');
    await user.type(await screen.findByLabelText('The customer wrote'), 'help');
    await user.click(screen.getByRole('button', { name: 'Try the rules' }));
    expect(
      await screen.findByText(
        /No rule matches: the defaults apply → no team, .*queue VIP Support\./,
      ),
    ).toBeVisible();
  });
});

describe('SLA safety', () => {
  const withSla = (sla: SlaCheck) => connectionResultSchema.parse({ ...permissionsOf(), sla });

  it('warns by name about an SLA policy the transcript would satisfy, and says when not checked', async () => {
    serveIntegrationApi({ status: liveStatus() });
    const answers = [
      withSla({
        status: 'warn',
        message: 'SLA policy "Email Policy" counts any outbound message as the first response.',
        fooled: [{ id: 's1', name: 'Email Policy' }],
      }),
      withSla({
        status: 'skipped',
        message: 'SLA policies not checked: the key cannot read SLAs.',
        fooled: [],
      }),
    ];
    server.use(http.post(`${API}/test`, () => HttpResponse.json(answers.shift())));
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Diagnostics');
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('"Email Policy"');
    expect(
      within(screen.getByRole('list', { name: 'SLA policies the transcript would satisfy' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Email Policy']);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/^Not checked\. SLA policies not checked/)).toBeVisible();
  });

  it('lets the sandbox inspector make a policy one the transcript would fool', async () => {
    serveIntegrationApi({ status: statusOf(), sandbox: sandboxOf() });
    const slas = [
      { id: 's1', name: 'Chat Policy', firstResponse: true, basedOnHumanInteraction: true },
    ];
    const sent: unknown[] = [];
    server.use(
      http.get(`${API}/sandbox`, () => HttpResponse.json({ ...sandboxOf(), slas })),
      http.put(`${API}/sandbox/slas/s1`, async ({ request }) => {
        const body = (await request.json()) as { fooled: boolean };
        sent.push(body);
        slas[0]!.basedOnHumanInteraction = !body.fooled;
        return HttpResponse.json({ id: 's1', ...body });
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    const box = await screen.findByRole('checkbox', {
      name: 'Chat Policy: first response counts any outbound message',
    });
    expect(box).not.toBeChecked();
    await user.click(box);
    expect(sent).toEqual([{ fooled: true }]);
    await expect.poll(() => (box as HTMLInputElement).checked).toBe(true);
  });
});

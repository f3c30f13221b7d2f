/**
 * Diagnostics › Webhooks: the webhook's state in words, the last delivery, and the one button
 * (Create webhook / Repair webhook / Check again) that posts "create or verify" and shows the
 * answer without a reload.
 */
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import type { WebhookState } from '../../../src/shared/webhook-state.js';
import { liveStatus, webhookOf } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { requestsTo, server } from '../support/server.js';

async function openWebhooks(webhook: WebhookState) {
  serveIntegrationApi({ status: liveStatus(), webhook });
  const view = renderUi(<IntegrationsPage />);
  await openTab('Diagnostics');
  const section = within(
    (await screen.findByRole('heading', { name: 'Webhooks' })).closest('section')!,
  );
  return { view, section };
}

const missingHook = webhookOf({ webhook: null, healthy: false, lastDelivery: null, secret: 'env' });

describe('Diagnostics › Webhooks', () => {
  it('shows an active webhook, what verifies it and its last delivery', async () => {
    const { section } = await openWebhooks(webhookOf());
    expect(await section.findByText('Active: enabled, with both events.')).toBeVisible();
    const facts = within(section.getByLabelText('Webhook'));
    expect(facts.getByText('https://chat.example.com/api/webhooks/kustomer')).toBeVisible();
    expect(facts.getByText(/kustomer\.message\.create, verified$/)).toBeVisible();
    expect(section.getByRole('button', { name: 'Check again' })).toBeEnabled();
  });

  it('creates a missing webhook with one click and shows the new state', async () => {
    const { view, section } = await openWebhooks(missingHook);
    expect(await section.findByText('No webhook in Kustomer sends events here yet.')).toBeVisible();
    expect(section.getByText('None received yet')).toBeVisible();
    server.use(
      http.post(`${API}/webhook`, () =>
        HttpResponse.json({ outcome: 'created', state: webhookOf({ lastDelivery: null }) }),
      ),
    );
    await view.user.click(section.getByRole('button', { name: 'Create webhook' }));
    expect(await section.findByText('Webhook created in Kustomer.')).toBeVisible();
    expect(section.getByText('Active: enabled, with both events.')).toBeVisible();
    expect(requestsTo('POST', `${API}/webhook`)).toBe(1);
  });

  it('offers Repair for a disabled webhook and one missing an event', async () => {
    const disabled = webhookOf({
      healthy: false,
      webhook: { ...webhookOf().webhook!, enabled: false },
    });
    const { view, section } = await openWebhooks(disabled);
    expect(await section.findByText(/^Disabled in Kustomer/)).toBeVisible();
    expect(section.getByRole('button', { name: 'Repair webhook' })).toBeEnabled();
    view.unmount();
    const lacking = webhookOf({
      healthy: false,
      webhook: {
        ...webhookOf().webhook!,
        events: ['kustomer.message.create'],
        missingEvents: ['kustomer.conversation.update'],
      },
    });
    const again = await openWebhooks(lacking);
    expect(await again.section.findByText('Missing kustomer.conversation.update.')).toBeVisible();
    expect(again.section.getByRole('button', { name: 'Repair webhook' })).toBeEnabled();
  });

  it('names APP_URL when it cannot be used, and does not offer to create', async () => {
    const problem =
      'APP_URL must start with https:// (Kustomer delivers webhooks to https addresses only); it is http://chat.example.com';
    const { section } = await openWebhooks(
      webhookOf({ targetUrl: null, targetProblem: problem, webhook: null, healthy: false }),
    );
    expect(await section.findByText(problem)).toBeVisible();
    expect(section.getByRole('button', { name: 'Create webhook' })).toBeDisabled();
  });

  it('says when the key cannot manage webhooks, and shows a refusal from the server', async () => {
    const { view, section } = await openWebhooks({ ...missingHook, canProvision: false });
    expect(await section.findByText(/The API key cannot manage webhooks/)).toBeVisible();
    expect(section.getByRole('button', { name: 'Create webhook' })).toBeDisabled();
    view.unmount();
    const again = await openWebhooks(missingHook);
    server.use(
      http.post(`${API}/webhook`, () =>
        apiError(409, 'webhook_limit', 'Kustomer allows 5 outbound webhooks per org'),
      ),
    );
    await again.view.user.click(again.section.getByRole('button', { name: 'Create webhook' }));
    expect(await again.section.findByRole('alert')).toHaveTextContent(
      'Kustomer allows 5 outbound webhooks per org',
    );
  });
});

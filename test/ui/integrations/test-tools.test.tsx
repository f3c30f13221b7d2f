import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { BILLING, liveStatus } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { requestLog, server } from '../support/server.js';

const JANE = {
  id: '5f1d0c7e9a3b2c1d0e9f8a7b',
  name: 'Jane Doe',
  emails: ['jane@example.com'],
  phones: [],
  externalId: null,
  url: null,
  conversationCounts: null,
};

async function lookUp(email: string, answer: () => Response) {
  serveIntegrationApi({ status: liveStatus() });
  server.use(http.get(`${API}/customers`, answer));
  const view = renderUi(<IntegrationsPage />);
  await openTab('Diagnostics');
  await view.user.type(await screen.findByLabelText('Customer lookup by email'), email);
  await view.user.click(screen.getByRole('button', { name: 'Look up' }));
  return view;
}

describe('Customer lookup', () => {
  it('shows the customer Kustomer found for the email', async () => {
    await lookUp('jane@example.com', () => HttpResponse.json({ customer: JANE }));
    expect(await screen.findByText('Jane Doe')).toBeVisible();
    expect(screen.getByText('jane@example.com')).toBeVisible();
    expect(screen.getByText(JANE.id)).toBeVisible();
    expect(requestLog).toContain(`GET ${API}/customers?email=jane%40example.com`);
  });

  it('says when no customer has that email', async () => {
    await lookUp('nobody@example.com', () => HttpResponse.json({ customer: null }));
    expect(await screen.findByText('No customer with that email.')).toBeVisible();
  });

  it('shows the server error', async () => {
    await lookUp('x@example.com', () =>
      apiError(503, 'kustomer_rate_limit', 'Kustomer is rate limiting; try again in 20 s'),
    );
    expect(await screen.findByText('Kustomer is rate limiting; try again in 20 s')).toBeVisible();
  });
});

describe('Send test escalation', () => {
  async function send(email: string, answer: () => Response) {
    serveIntegrationApi({ status: liveStatus() });
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/test-escalation`, async ({ request }) => {
        bodies.push(await request.json());
        return answer();
      }),
    );
    const view = renderUi(<IntegrationsPage />);
    await openTab('Diagnostics');
    const field = await screen.findByLabelText('Test escalation email');
    if (email) await view.user.type(field, email);
    await view.user.click(screen.getByRole('button', { name: 'Send test escalation' }));
    return { ...view, bodies };
  }

  it('reports the conversation, team and priority it was routed to', async () => {
    const { bodies } = await send('qa@example.com', () =>
      HttpResponse.json(
        {
          status: 'escalated',
          escalationId: 'test-1',
          customerId: 'c1',
          conversationId: '65a1b2c3d4e5f6a7b8c9d0e1',
          team: BILLING,
          priority: 4,
          conversationUrl: null,
        },
        { status: 201 },
      ),
    );
    const result = await screen.findByText(/^Escalated: conversation/);
    expect(result).toHaveTextContent(
      'Escalated: conversation 65a1b2c3d4e5f6a7b8c9d0e1 for Billing, priority 4.',
    );
    expect(bodies).toEqual([{ email: 'qa@example.com' }]);
  });

  it('says it was queued when Kustomer is down, and sends no email when none was given', async () => {
    const { bodies } = await send('', () =>
      HttpResponse.json(
        {
          status: 'queued',
          escalationId: 'test-2',
          reason: 'kustomer_unavailable',
          retryAt: '2026-01-01T10:05:00.000Z',
        },
        { status: 202 },
      ),
    );
    expect(
      await screen.findByText(
        'Queued (kustomer_unavailable); it will be delivered when Kustomer answers.',
      ),
    ).toBeVisible();
    expect(bodies).toEqual([{}]);
  });

  it('says when the integration refused it', async () => {
    await send('', () =>
      HttpResponse.json(
        {
          status: 'refused',
          escalationId: 'test-3',
          reason: 'integration_disabled',
          message: 'The Kustomer integration is switched off.',
        },
        { status: 503 },
      ),
    );
    const tools = within(screen.getByRole('region', { name: 'Tools' }));
    expect(await tools.findByText('The Kustomer integration is switched off.')).toBeVisible();
  });
});

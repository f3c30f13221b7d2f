import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { BILLING, sandboxOf, statusOf } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { server } from '../support/server.js';

const LANDED = sandboxOf({
  customers: [{ id: 'cus1', name: 'Jane Doe', emails: [{ email: 'jane@example.com' }] }],
  conversations: [
    {
      id: 'conv1',
      customerId: 'cus1',
      name: 'Chatbot escalation: billing',
      status: 'open',
      priority: 4,
      assignedTeams: [BILLING.id],
      tags: ['chatbot-escalation'],
      externalId: 'esc-1',
    },
  ],
  messages: [
    {
      id: 'm1',
      conversationId: 'conv1',
      direction: 'in',
      preview: 'My invoice is wrong',
      sentAt: null,
    },
    {
      id: 'm2',
      conversationId: 'conv1',
      direction: 'out',
      preview: 'Let me check',
      sentAt: null,
      importedAt: '2026-01-01T10:00:00.000Z',
    },
    { id: 'm3', conversationId: 'conv1', direction: 'out', preview: 'Refunded!', sentAt: null },
  ],
  notes: [{ id: 'n1', conversationId: 'conv1', body: 'Bot summary: billing dispute' }],
});

describe('the sandbox inspector', () => {
  it('shows customers, conversations with team and priority, transcript and notes', async () => {
    serveIntegrationApi({ status: statusOf(), sandbox: LANDED });
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    expect(
      await screen.findByText('1 customer(s), 1 conversation(s), 3 message(s), 1 note(s).'),
    ).toBeVisible();
    expect(screen.getByRole('list', { name: 'Sandbox customers' })).toHaveTextContent(
      'Jane Doe jane@example.com',
    );
    const conversation = within(
      within(screen.getByRole('list', { name: 'Sandbox conversations' })).getByRole('listitem', {
        name: 'Chatbot escalation: billing',
      }),
    );
    expect(conversation.getByText('jane@example.com · Billing · priority 4 · open')).toBeVisible();
    await user.click(conversation.getByText('Transcript (3) and notes (1)'));
    // The bot's line was imported with the transcript; the agent's reply was not: told apart.
    const lines = within(conversation.getByRole('list', { name: 'Transcript' })).getAllByRole(
      'listitem',
    );
    expect(lines.map((line) => [line.textContent, line.className])).toEqual([
      ['Customer: My invoice is wrong', 'msg msg-customer'],
      ['Bot: Let me check', 'msg msg-bot'],
      ['Agent: Refunded!', 'msg msg-agent'],
    ]);
    expect(conversation.getByText('Bot summary: billing dispute')).toBeVisible();
  });

  it('says nothing has landed yet', async () => {
    serveIntegrationApi({ status: statusOf() });
    renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    expect(await screen.findByText(/Nothing yet: escalate from the chat/)).toBeVisible();
  });

  it('simulates an outage and ends it', async () => {
    const api = serveIntegrationApi({ status: statusOf() });
    const bodies: { outageUntil: number | null }[] = [];
    server.use(
      http.put(`${API}/sandbox/faults`, async ({ request }) => {
        const body = (await request.json()) as { outageUntil: number | null };
        bodies.push(body);
        api.sandbox = sandboxOf({ faults: { outageUntil: body.outageUntil } });
        return HttpResponse.json(api.sandbox.faults);
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    const before = Date.now();
    await user.click(
      await screen.findByRole('button', { name: 'Simulate Kustomer outage (2 min)' }),
    );
    expect(
      await screen.findByText('Kustomer is down: escalations are queued in the outbox.'),
    ).toBeVisible();
    expect(bodies[0]!.outageUntil).toBeGreaterThanOrEqual(before + 120_000);
    await user.click(screen.getByRole('button', { name: 'End outage' }));
    expect(
      await screen.findByRole('button', { name: 'Simulate Kustomer outage (2 min)' }),
    ).toBeVisible();
    expect(bodies[1]).toEqual({ outageUntil: null });
  });

  it('replies as an agent and closes the conversation', async () => {
    serveIntegrationApi({ status: statusOf(), sandbox: LANDED });
    const calls: string[] = [];
    server.use(
      http.post(`${API}/sandbox/conversations/:id/agent-reply`, async ({ params, request }) => {
        calls.push(`reply ${String(params.id)} ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ id: 'msg9' }, { status: 201 });
      }),
      http.post(`${API}/sandbox/conversations/:id/close`, ({ params }) => {
        calls.push(`close ${String(params.id)}`);
        return HttpResponse.json({ closed: true });
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    const input = await screen.findByLabelText('Agent reply to jane@example.com');
    await user.type(input, 'Refund done');
    await user.click(screen.getByRole('button', { name: 'Reply as agent' }));
    await user.click(screen.getByRole('button', { name: 'Close conversation' }));
    await screen.findByRole('button', { name: 'Close conversation' });
    expect(input).toHaveValue('');
    expect(calls).toEqual(['reply conv1 {"text":"Refund done"}', 'close conv1']);
  });

  it('shows when the sandbox cannot be read', async () => {
    serveIntegrationApi({ status: statusOf() });
    server.use(http.get(`${API}/sandbox`, () => apiError(500, 'internal_error', 'boom')));
    renderUi(<IntegrationsPage />);
    await openTab('Sandbox');
    expect(await screen.findByText('Could not read the sandbox: boom')).toBeVisible();
  });
});

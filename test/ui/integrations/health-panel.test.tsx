import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { BILLING, liveStatus, outboxItemOf } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { renderUi } from '../support/render.js';
import { requestLog, server } from '../support/server.js';

const QUEUED = outboxItemOf({ escalationId: 'esc-queued-1', state: 'queued' });
const DEAD = outboxItemOf({
  escalationId: 'esc-dead-2',
  state: 'dead',
  attempts: 8,
  customer: 's***@example.com',
  lastError: { code: 'validation', message: 'Kustomer answered 400: name too long' },
});
const withOutbox = () =>
  liveStatus({
    status: 'degraded',
    breaker: 'half_open',
    outbox: { queued: 1, dead: 1, items: [QUEUED, DEAD] },
    metrics: {
      requests: 200,
      errors: 3,
      successRate: 0.985,
      p50Ms: 120.4,
      p95Ms: 480.6,
      rateLimited: 3,
      rateLimit: { limit: 1000, remaining: 120, resetAt: null },
    },
  });

const figure = (label: string) =>
  within(screen.getByLabelText('Health figures')).getByText(label).nextElementSibling;

describe('Health', () => {
  it('shows success rate, latency, 429s, headroom, breaker and outbox depth', async () => {
    serveIntegrationApi({ status: withOutbox() });
    renderUi(<IntegrationsPage />);
    await screen.findByRole('heading', { name: 'Health' });
    expect(figure('Success rate')).toHaveTextContent('98.5%');
    expect(figure('Latency p50')).toHaveTextContent('120 ms');
    expect(figure('Latency p95')).toHaveTextContent('481 ms');
    expect(figure('429s')).toHaveTextContent('3');
    expect(figure('Rate-limit headroom')).toHaveTextContent('120 / 1000');
    expect(figure('Circuit breaker')).toHaveTextContent('half-open');
    expect(figure('Outbox')).toHaveTextContent('1 waiting, 1 dead');
  });

  it('lists queued and dead escalations, each with Retry now', async () => {
    serveIntegrationApi({ status: withOutbox() });
    renderUi(<IntegrationsPage />);
    const table = within(await screen.findByRole('table', { name: 'Outbox' }));
    const rows = table.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('esc-queued-1');
    expect(rows[0]).toHaveTextContent('queued');
    expect(rows[1]).toHaveTextContent('esc-dead-2');
    expect(rows[1]).toHaveTextContent('dead');
    expect(rows[1]).toHaveTextContent('Kustomer answered 400: name too long');
    expect(within(rows[1]!).getByRole('button', { name: 'Retry now esc-dead-2' })).toBeEnabled();
  });

  it('retries one now, says it was delivered, and drops it from the refetched list', async () => {
    const api = serveIntegrationApi({ status: withOutbox() });
    server.use(
      http.post(`${API}/outbox/:id/retry`, ({ params }) => {
        api.status = liveStatus({ outbox: { queued: 1, items: [QUEUED] } });
        return HttpResponse.json({
          status: 'escalated',
          escalationId: params.id,
          customerId: 'c1',
          conversationId: 'conv-77',
          team: BILLING,
          priority: 3,
          conversationUrl: null,
        });
      }),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await user.click(await screen.findByRole('button', { name: 'Retry now esc-dead-2' }));
    expect(await screen.findByText('Delivered esc-dead-2: conversation conv-77.')).toBeVisible();
    expect(screen.queryByRole('button', { name: /esc-dead-2/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Retry now esc-queued-1' })).toBeVisible();
    expect(requestLog).toContain(`POST ${API}/outbox/esc-dead-2/retry`);
  });

  it('says when a retry is still waiting, and when it failed', async () => {
    serveIntegrationApi({ status: withOutbox() });
    let calls = 0;
    server.use(
      http.post(`${API}/outbox/:id/retry`, () =>
        ++calls === 1
          ? HttpResponse.json(
              {
                status: 'queued',
                escalationId: 'esc-queued-1',
                reason: 'kustomer_unavailable',
                retryAt: '2026-01-01T10:10:00.000Z',
              },
              { status: 503 },
            )
          : apiError(404, 'not_found', 'no escalation with that id in the outbox'),
      ),
    );
    const { user } = renderUi(<IntegrationsPage />);
    await user.click(await screen.findByRole('button', { name: 'Retry now esc-queued-1' }));
    expect(
      await screen.findByText(
        'esc-queued-1 is still waiting (kustomer_unavailable); the outbox tries again.',
      ),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Retry now esc-queued-1' }));
    expect(
      await screen.findByText('Retry failed: no escalation with that id in the outbox'),
    ).toBeVisible();
  });

  it('says the outbox is empty, and that no calls were made yet', async () => {
    serveIntegrationApi({ status: liveStatus() });
    renderUi(<IntegrationsPage />);
    expect(
      await screen.findByText('Nothing waiting: every escalation was delivered.'),
    ).toBeVisible();
    expect(screen.getByText(/No Kustomer calls yet/)).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
    expect(figure('Success rate')).toHaveTextContent('—');
  });
});

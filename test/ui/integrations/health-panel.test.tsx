import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { refreshInterval } from '../../../src/pages/integrations/api/get-status.js';
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
    deliveries: { delivered: 12, waiting: 1, gaveUp: 1, refused: 0 },
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
  it('shows escalations delivered apart from API calls, the breaker in plain words, latency and headroom', async () => {
    serveIntegrationApi({ status: withOutbox() });
    renderUi(<IntegrationsPage />);
    await screen.findByRole('heading', { name: 'Health' });
    // Per escalation: 12 delivered, 1 gave up; the waiting one is not finished yet.
    expect(figure('Escalations delivered')).toHaveTextContent('12 of 13 (92.3%)');
    expect(figure('API calls (retries included)')).toHaveTextContent('98.5% of 200 without error');
    expect(figure('Latency p50')).toHaveTextContent('120 ms');
    expect(figure('Latency p95')).toHaveTextContent('481 ms');
    expect(figure('Rate-limited answers (429)')).toHaveTextContent('3');
    expect(figure('Rate-limit headroom')).toHaveTextContent('120 / 1000');
    expect(figure('Kustomer calls')).toHaveTextContent(
      'Checking whether Kustomer is back (one trial call)',
    );
    expect(figure('Outbox')).toHaveTextContent('1 waiting, 1 gave up');
    expect(screen.queryByText(/breaker|half-open/i)).toBeNull();
  });

  it('words each outbox row as its state: retrying is never "gave up"', async () => {
    const retrying = outboxItemOf({
      escalationId: 'esc-retrying-3',
      state: 'retrying',
      attempts: 2,
      nextAttemptAt: '2026-01-01T10:05:00.000Z',
      lastError: {
        code: 'unavailable',
        message: 'Kustomer POST /v1/customers failed: 503; gave up after 4 attempts',
      },
    });
    serveIntegrationApi({
      status: liveStatus({ status: 'degraded', outbox: { retrying: 1, items: [retrying, DEAD] } }),
    });
    renderUi(<IntegrationsPage />);
    const table = within(await screen.findByRole('table', { name: 'Outbox' }));
    const [row, dead] = table.getAllByRole('row').slice(1);
    expect(row).toHaveTextContent(/Retrying: attempt 2 failed, next at \d\d:\d\d/);
    expect(row).toHaveTextContent('Kustomer POST /v1/customers failed: 503 (4 tries)');
    expect(row).not.toHaveTextContent('gave up');
    expect(dead).toHaveTextContent('Gave up after 8 attempts: retry by hand');
  });

  it('shows escalations whose transcript or note is still on its way after the answer', async () => {
    const finishing = outboxItemOf({
      escalationId: 'esc-finishing-3',
      state: 'conversation_created',
      attempts: 0,
      lastError: null,
      timelinePending: true,
    });
    serveIntegrationApi({
      status: liveStatus({ outbox: { timelinePending: 1, items: [finishing] } }),
    });
    renderUi(<IntegrationsPage />);
    await screen.findByRole('heading', { name: 'Health' });
    expect(figure('Timeline pending')).toHaveTextContent('1');
    const table = within(await screen.findByRole('table', { name: 'Outbox' }));
    const [row] = table.getAllByRole('row').slice(1);
    expect(row).toHaveTextContent('esc-finishing-3');
    expect(row).toHaveTextContent('escalated · timeline pending');
  });

  it('lists queued and dead escalations, each with Retry now', async () => {
    serveIntegrationApi({ status: withOutbox() });
    renderUi(<IntegrationsPage />);
    const table = within(await screen.findByRole('table', { name: 'Outbox' }));
    const rows = table.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('esc-queued-1');
    expect(rows[0]).toHaveTextContent(/Waiting: first try at/);
    expect(rows[1]).toHaveTextContent('esc-dead-2');
    expect(rows[1]).toHaveTextContent('Gave up after 8 attempts');
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
    expect(figure('Escalations delivered')).toHaveTextContent('None finished yet');
  });

  it('refreshes every 2 s while something waits or calls are paused, else every 10 s', () => {
    expect(refreshInterval(liveStatus())).toBe(10_000);
    expect(refreshInterval(liveStatus({ outbox: { queued: 1 } }))).toBe(2_000);
    const inFlight = liveStatus({
      deliveries: { delivered: 0, waiting: 1, gaveUp: 0, refused: 0 },
    });
    expect(refreshInterval(inFlight)).toBe(2_000);
    expect(refreshInterval(liveStatus({ breaker: 'open' }))).toBe(2_000);
  });
});

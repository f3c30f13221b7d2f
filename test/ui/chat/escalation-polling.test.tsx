import { act, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  escalated,
  queued,
  reply,
  serveEscalations,
  serveEscalationStatus,
} from '../support/escalation-api.js';
import { renderButton } from '../support/render-button.js';
import { requestLog, server } from '../support/server.js';

// Only the poller's interval is faked: msw, React and Testing Library keep real timeouts.
afterEach(() => {
  vi.useRealTimers();
});

describe('after the hand-off', () => {
  it('passes each agent reply on as it arrives, once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sent = serveEscalations(escalated);
    const first = reply('r1', 'Hi Jane, looking into it.');
    const second = reply('r2', 'Refunded.');
    const { polls } = serveEscalationStatus(
      () => ({}),
      () => ({ replies: [first] }),
      () => ({ replies: [first, second] }),
    );
    const { user, onReply } = renderButton({ knownEmail: 'jane@example.com' });
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    await vi.waitFor(() => expect(polls()).toBe(1));
    // It polls as the chat session that escalated: the server answers no other.
    expect(requestLog).toContain(
      `GET /api/escalations/${sent[0]!.escalationId}?sessionId=${sent[0]!.sessionId}`,
    );
    expect(onReply).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await vi.waitFor(() => expect(onReply).toHaveBeenCalledWith(first));
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await vi.waitFor(() => expect(onReply).toHaveBeenCalledTimes(2));
    expect(onReply).toHaveBeenLastCalledWith(second);
  });

  it('tells the customer when a queued request is delivered later', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    serveEscalations(queued);
    serveEscalationStatus(
      (id) => ({ state: 'queued', result: queued(id) }),
      (id) => ({ result: escalated(id) }),
    );
    const { user, onConnected } = renderButton({ knownEmail: 'sam@example.com' });
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/we've saved your request/);
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(await screen.findByText(/You're connected with the Billing team/)).toBeVisible();
    expect(onConnected).toHaveBeenCalledTimes(1);
  });

  it('reports the close once and stops asking', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    serveEscalations(escalated);
    const status = serveEscalationStatus(
      () => ({}),
      () => ({ closed: true, closedAt: '2026-01-01T10:30:00.000Z' }),
    );
    const { user, onClosed } = renderButton({ knownEmail: 'jane@example.com' });
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await vi.waitFor(() => expect(onClosed).toHaveBeenCalledTimes(1));
    const polls = status.polls();
    await act(() => vi.advanceTimersByTimeAsync(9000));
    expect(status.polls()).toBe(polls);
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('stops asking once the server no longer has the escalation', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    serveEscalations(escalated);
    let polls = 0;
    server.use(
      http.get('/api/escalations/:id', () => {
        polls += 1;
        return HttpResponse.json(
          { error: { code: 'not_found', message: 'no escalation with that id' } },
          { status: 404 },
        );
      }),
    );
    const { user, onClosed } = renderButton({ knownEmail: 'jane@example.com' });
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    await vi.waitFor(() => expect(polls).toBe(1));
    await act(() => vi.advanceTimersByTimeAsync(9000));
    expect(polls).toBe(1);
    expect(onClosed).not.toHaveBeenCalled();
    expect(screen.getByText(/You're connected/)).toBeVisible();
  });
});

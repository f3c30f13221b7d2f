import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { EscalationResult, QueuedReason } from '../../../src/shared/escalation.js';
import {
  escalated,
  queued,
  serveEscalations,
  serveEscalationStatus,
} from '../support/escalation-api.js';
import { apiError } from '../support/integration-api.js';
import { renderButton, TRANSCRIPT } from '../support/render-button.js';
import { requestLog, requestsTo, server } from '../support/server.js';

async function askForHuman(user: ReturnType<typeof renderButton>['user'], email: string) {
  await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
  await user.type(await screen.findByLabelText('Your email, so the team can reply'), email);
  await user.click(screen.getByRole('button', { name: 'Connect me' }));
}

describe('the escalation button', () => {
  it('asks for an email, and will not send an invalid one', async () => {
    const sent = serveEscalations(escalated);
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    const email = screen.getByLabelText('Your email, so the team can reply');
    expect(email).toHaveFocus();
    await user.type(email, 'jane@');
    await user.click(screen.getByRole('button', { name: 'Connect me' }));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(
      'Enter an email address so the team can reply, e.g. you@example.com',
    );
    expect(sent).toEqual([]);
  });

  it('cancels the prompt back to the button, with focus on it', async () => {
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('button', { name: 'Talk to a human' })).toHaveFocus();
  });

  it('shows a spinner while escalating, then the team and the conversation reference', async () => {
    serveEscalationStatus(() => ({}));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: unknown[] = [];
    server.use(
      http.post('/api/escalations', async ({ request }) => {
        const body = (await request.json()) as { escalationId: string };
        sent.push(body);
        await gate;
        return HttpResponse.json(escalated(body.escalationId), { status: 201 });
      }),
    );
    const { user, onConnected } = renderButton({ reason: 'low_confidence' });
    await askForHuman(user, 'jane@example.com');
    expect(screen.getByRole('status')).toHaveTextContent('Connecting you with a person…');
    release();
    const status = await screen.findByText(/You're connected with the Billing team/);
    expect(status).toHaveTextContent(
      "You're connected with the Billing team. Reference: B8C9D0E1. An agent will reply here.",
    );
    expect(onConnected).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([
      {
        escalationId: expect.any(String),
        sessionId: 'chat-1',
        customer: { email: 'jane@example.com' },
        transcript: TRANSCRIPT,
        reason: 'low_confidence',
        intent: 'billing',
        summary: 'Intent: billing.',
      },
    ]);
  });

  it('sends the reason the customer picked over the bot’s guess', async () => {
    serveEscalationStatus(() => ({}));
    const sent = serveEscalations(escalated);
    const { user } = renderButton({ reason: 'low_confidence' });
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await user.type(screen.getByLabelText('Your email, so the team can reply'), 'a@b.co');
    await user.selectOptions(
      screen.getByLabelText('Why? (optional)'),
      "I'm not happy with the answers",
    );
    await user.click(screen.getByRole('button', { name: 'Connect me' }));
    await screen.findByText(/You're connected/);
    expect(sent[0]?.reason).toBe('negative_sentiment');
  });

  it('says honestly that the request was saved when support is unavailable', async () => {
    serveEscalationStatus((id) => ({ state: 'queued', result: queued(id) }));
    serveEscalations(queued);
    const { user, onConnected } = renderButton();
    await askForHuman(user, 'sam@example.com');
    expect(
      await screen.findByText(
        "Support is unavailable right now; we've saved your request and will follow up at sam@example.com.",
      ),
    ).toBeVisible();
    expect(onConnected).not.toHaveBeenCalled();
  });

  it.each([
    ['kustomer_slow', /^Support is taking longer than usual to answer\. Your request is saved/],
    ['in_progress', /^Support is taking longer than usual to answer\. Your request is saved/],
    ['rate_limited', /^Support is very busy right now\. Your request is saved and queued/],
    ['integration_disabled', /^Talking to a person is paused right now\. We've saved your request/],
    ['breaker_open', /^Support is unavailable right now; we've saved your request/],
  ])('tells the customer what a queued escalation with reason %s means', async (reason, text) => {
    const answer = (id: string): EscalationResult => ({
      status: 'queued',
      escalationId: id,
      reason: reason as QueuedReason,
      retryAt: '2026-01-01T10:05:00.000Z',
    });
    serveEscalationStatus((id) => ({ state: 'queued', result: answer(id) }));
    serveEscalations(answer);
    const { user } = renderButton();
    await askForHuman(user, 'sam@example.com');
    const message = await screen.findByText(text);
    expect(message).toBeVisible();
    expect(message).toHaveTextContent('sam@example.com');
  });

  it('says when talking to a person is switched off', async () => {
    serveEscalations((escalationId) => ({
      status: 'refused',
      escalationId,
      reason: 'integration_disabled',
      message: 'Please email support@acme.test instead.',
    }));
    const { user } = renderButton();
    await askForHuman(user, 'sam@example.com');
    // The server's one sentence, not wrapped in a second one saying the same.
    expect(await screen.findByText('Please email support@acme.test instead.')).toHaveTextContent(
      /^Please email support@acme\.test instead\.$/,
    );
    expect(requestLog.filter((line) => line.startsWith('GET /api/escalations/'))).toEqual([]);
  });

  it('when hand-off is off, says so in one sentence without asking for an email', async () => {
    server.use(http.get('/api/handoff', () => HttpResponse.json({ handoff: 'off' })));
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    expect(
      await screen.findByText(
        "Talking to a person is switched off right now, so I'll keep helping you here.",
      ),
    ).toBeVisible();
    expect(screen.queryByLabelText(/Your email/)).toBeNull();
    expect(requestLog.filter((line) => line.startsWith('POST /api/escalations'))).toEqual([]);
  });

  it('when requests are kept for an email follow-up, asks for the email it will use', async () => {
    server.use(http.get('/api/handoff', () => HttpResponse.json({ handoff: 'email_follow_up' })));
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    expect(await screen.findByLabelText('Your email, so the team can reply')).toBeVisible();
  });

  it('shows an error with Try again, which resends the same escalation without asking again', async () => {
    serveEscalationStatus(() => ({}));
    const sent = serveEscalations(
      () => apiError(500, 'internal_error', 'something went wrong; the request id is in the logs'),
      escalated,
    );
    const { user } = renderButton();
    await askForHuman(user, 'jane@example.com');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "We couldn't reach support: something went wrong; the request id is in the logs",
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/You're connected with the Billing team/)).toBeVisible();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it('explains a rate limit and a lost connection in words', async () => {
    serveEscalations(() => apiError(429, 'rate_limited', 'too many escalations'));
    const { user } = renderButton();
    await askForHuman(user, 'jane@example.com');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many requests: please wait a minute and try again.',
    );
    server.use(http.post('/api/escalations', () => HttpResponse.error()));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not reach the server. Check your connection.',
    );
  });

  it('makes exactly one escalation from a double click', async () => {
    serveEscalationStatus(() => ({}));
    serveEscalations(escalated);
    const { user } = renderButton({ knownEmail: 'jane@example.com' });
    await user.dblClick(screen.getByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    expect(requestsTo('POST', '/api/escalations')).toBe(1);
  });

  it('makes exactly one escalation from a double click on Connect me', async () => {
    serveEscalationStatus(() => ({}));
    serveEscalations(escalated);
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await user.type(screen.getByLabelText('Your email, so the team can reply'), 'jane@example.com');
    await user.dblClick(screen.getByRole('button', { name: 'Connect me' }));
    await screen.findByText(/You're connected/);
    expect(requestsTo('POST', '/api/escalations')).toBe(1);
  });

  it('skips the prompt when the chat knows the email', async () => {
    serveEscalationStatus(() => ({}));
    const sent = serveEscalations(escalated);
    const { user } = renderButton({ knownEmail: 'lee@example.com' });
    await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    expect(screen.queryByLabelText('Your email, so the team can reply')).toBeNull();
    expect(sent[0]?.customer).toEqual({ email: 'lee@example.com' });
  });
});

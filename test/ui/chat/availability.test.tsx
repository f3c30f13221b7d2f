/**
 * What the escalation button says about who can answer: the wait before the hand-off, when we
 * open, nobody available, the customer's choice when the admin leaves it to them, and after the
 * hand-off how they will be answered (the email masked).
 */
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AvailabilitySnapshot, PublicAvailability } from '../../../src/shared/availability.js';
import { escalated, serveEscalations, serveEscalationStatus } from '../support/escalation-api.js';
import { renderButton } from '../support/render-button.js';
import { server } from '../support/server.js';

const OPEN: PublicAvailability = {
  open: true,
  reason: 'open',
  nextOpenAt: null,
  expectedWaitMinutes: 6,
  timeZone: 'Europe/Paris',
  outOfHours: 'email',
};
// Monday 2026-12-07 09:00 in Paris.
const CLOSED: PublicAvailability = {
  open: false,
  reason: 'closed',
  nextOpenAt: '2026-12-07T08:00:00.000Z',
  expectedWaitMinutes: null,
  timeZone: 'Europe/Paris',
  outOfHours: 'email',
};

function serveAvailability(answer: PublicAvailability) {
  server.use(http.get('/api/availability', () => HttpResponse.json(answer)));
}

const snapshot = (a: PublicAvailability, followUp: 'chat' | 'email'): AvailabilitySnapshot => ({
  open: a.open,
  reason: a.reason,
  nextOpenAt: a.nextOpenAt,
  expectedWaitMinutes: a.expectedWaitMinutes,
  timeZone: a.timeZone,
  followUp,
  checkedAt: '2026-12-05T10:00:00.000Z',
});

async function askForHuman(user: ReturnType<typeof renderButton>['user'], email: string) {
  await user.click(screen.getByRole('button', { name: 'Talk to a human' }));
  await user.type(await screen.findByLabelText('Your email, so the team can reply'), email);
  await user.click(screen.getByRole('button', { name: 'Connect me' }));
}

describe('availability in the chat', () => {
  it('says the usual wait before the hand-off, and again once connected', async () => {
    serveAvailability(OPEN);
    serveEscalationStatus(() => ({}));
    serveEscalations((id) => ({ ...escalated(id), availability: snapshot(OPEN, 'chat') }));
    const { user } = renderButton();
    expect(await screen.findByText('An agent usually answers in about 6 min.')).toBeVisible();
    await askForHuman(user, 'jane@example.com');
    expect(await screen.findByRole('status')).toHaveTextContent(
      "You're connected with the Billing team. Reference: B8C9D0E1. An agent will reply here. An agent usually answers in about 6 min.",
    );
  });

  it('says when we open, in the schedule time zone, and that we will reply by email', async () => {
    serveAvailability(CLOSED);
    serveEscalationStatus(() => ({}));
    serveEscalations((id) => ({ ...escalated(id), availability: snapshot(CLOSED, 'email') }));
    const { user } = renderButton();
    expect(await screen.findByText("We're closed until Mon 09:00 (Europe/Paris).")).toBeVisible();
    await askForHuman(user, 'jane@example.com');
    const outcome = await screen.findByRole('status');
    expect(outcome).toHaveTextContent(
      "We're closed until Mon 09:00 (Europe/Paris). We've passed your request on and will reply by email to j***@example.com. Reference: B8C9D0E1.",
    );
    expect(outcome).not.toHaveTextContent("You're connected");
  });

  it('lets the customer choose when the admin leaves it to them, and sends the choice', async () => {
    serveAvailability({
      ...CLOSED,
      reason: 'no_agents',
      open: true,
      nextOpenAt: null,
      outOfHours: 'ask',
    });
    serveEscalationStatus(() => ({}));
    const nobody = { ...OPEN, reason: 'no_agents' as const, expectedWaitMinutes: null };
    const sent = serveEscalations((id) => ({
      ...escalated(id),
      availability: snapshot(nobody, 'chat'),
    }));
    const { user } = renderButton();
    await askForHuman(user, 'jane@example.com');
    const choice = await screen.findByRole('group');
    expect(choice).toHaveTextContent(
      'Nobody is available right now. How would you like us to answer?',
    );
    expect(
      screen.getByRole('button', { name: 'Reply by email to j***@example.com' }),
    ).toHaveFocus();
    expect(sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Wait here for an agent' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      "Nobody is available right now. We've passed your request on: the next agent will answer here, or by email to j***@example.com if you leave.",
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ followUp: 'chat' });
  });

  it('promises nothing when the server cannot say', async () => {
    server.use(http.get('/api/availability', () => HttpResponse.json({}, { status: 500 })));
    renderButton();
    await screen.findByRole('button', { name: 'Talk to a human' });
    expect(screen.queryByText(/usually answers|closed until|Nobody is available/)).toBeNull();
  });
});

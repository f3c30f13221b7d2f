import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ChatPage from '../../../src/chat/chat-page.js';
import {
  escalated,
  reply,
  serveEscalations,
  serveEscalationStatus,
} from '../support/escalation-api.js';
import { renderUi } from '../support/render.js';

const log = () => within(screen.getByRole('list', { name: 'Conversation' }));

async function say(user: ReturnType<typeof renderUi>['user'], text: string) {
  await user.type(screen.getByLabelText('Message'), text);
  await user.click(screen.getByRole('button', { name: 'Send' }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the chat page', () => {
  it('answers with the demo bot and offers a person', async () => {
    const { user } = renderUi(<ChatPage />);
    await say(user, 'My invoice has a wrong charge');
    expect(log().getByText(/Refunds for orders under 30 days old are automatic/)).toBeVisible();
    expect(await screen.findByRole('button', { name: 'Talk to a human' })).toBeVisible();
  });

  it('uses an email the customer wrote instead of asking for it', async () => {
    serveEscalationStatus(() => ({}));
    const sent = serveEscalations(escalated);
    const { user } = renderUi(<ChatPage />);
    await say(user, 'I am lee@example.com and my invoice is wrong');
    await user.click(await screen.findByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected with the Billing team/);
    expect(sent[0]?.customer).toEqual({ email: 'lee@example.com' });
    expect(sent[0]?.intent).toBe('billing');
    expect(sent[0]?.transcript.map((t) => t.role)).toEqual(['bot', 'user', 'bot']);
  });

  it('shows agent replies, keeps the bot quiet meanwhile, and gives the bot back on close', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    serveEscalations(escalated);
    const answer = reply('r1', 'Hi Lee, I have refunded the charge.');
    serveEscalationStatus(
      () => ({}),
      () => ({ replies: [answer] }),
      () => ({ replies: [answer], closed: true, closedAt: '2026-01-01T10:30:00.000Z' }),
    );
    const { user } = renderUi(<ChatPage />);
    await say(user, 'lee@example.com: refund please');
    await user.click(await screen.findByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);

    await say(user, 'Are you there?');
    expect(log().getAllByText(/Refunds for orders/)).toHaveLength(1);

    await act(() => vi.advanceTimersByTimeAsync(3000));
    const agent = await log().findByText('Hi Lee, I have refunded the charge.');
    expect(agent).toHaveTextContent('Dana (Billing)');

    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(
      await log().findByText(
        'The support team closed this conversation. The bot is back if you need anything else.',
      ),
    ).toBeVisible();
    expect(await screen.findByRole('button', { name: 'Talk to a human' })).toBeVisible();
    await say(user, 'One more billing question');
    expect(log().getAllByText(/Refunds for orders/)).toHaveLength(2);
  });
});

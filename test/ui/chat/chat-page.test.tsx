import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ChatPage from '../../../src/app/chat-page.js';
import {
  escalated,
  queued,
  reply,
  serveChatMessages,
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
    const escalations = serveEscalations(escalated);
    const sent = () => escalations;
    const toAgent = serveChatMessages();
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
    // It went to the person, as the chat session that escalated.
    await vi.waitFor(() => expect(toAgent.map((m) => m.text)).toEqual(['Are you there?']));
    expect(toAgent[0]?.sessionId).toBe(sent()[0]?.sessionId);

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

  it('shows each message to the person as delivered, saved or not sent, in the order typed', async () => {
    serveEscalations(escalated);
    serveEscalationStatus(() => ({}));
    let calls = 0;
    const toAgent = serveChatMessages(() =>
      ++calls === 2 ? 'queued' : calls === 3 ? 503 : 'delivered',
    );
    const { user } = renderUi(<ChatPage />);
    await say(user, 'lee@example.com: refund please');
    await user.click(await screen.findByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    await say(user, 'first');
    await say(user, 'second');
    await say(user, 'third');
    const line = (text: string) => log().getByText(text).closest('li')!;
    await vi.waitFor(() => expect(line('third')).toHaveTextContent('Not sent'));
    expect(line('first')).toHaveTextContent('Delivered');
    expect(line('second')).toHaveTextContent(/Saved/);
    expect(toAgent.map((m) => m.text)).toEqual(['first', 'second', 'third']);
    // Try again resends the same message id: the server never records it twice.
    await user.click(within(line('third')).getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(line('third')).toHaveTextContent('Delivered'));
    expect(toAgent[3]?.id).toBe(toAgent[2]?.id);
  });

  it('tells the customer a card number was hidden', async () => {
    serveEscalations(queued);
    serveEscalationStatus((id) => ({ state: 'queued', result: queued(id) }));
    serveChatMessages(
      () => 'queued',
      (text) => text.replace('4111 1111 1111 1111', '•••• •••• •••• 1111'),
    );
    const { user } = renderUi(<ChatPage />);
    await say(user, 'lee@example.com: talk to a human');
    await user.click(await screen.findByRole('button', { name: 'Connect me with a person' }));
    await screen.findByText(/we've saved your request/);
    await say(user, 'card 4111 1111 1111 1111');
    const line = await log().findByText(/card •••• •••• •••• 1111/);
    expect(line.closest('li')).toHaveTextContent('A card number was hidden before sending.');
  });

  it('attaches a file within the stated limits to a message to the person, and says what it refuses', async () => {
    serveEscalations(escalated);
    serveEscalationStatus(() => ({}));
    const toAgent = serveChatMessages();
    const { user } = renderUi(<ChatPage />);
    // Before the hand-off there is nobody to send a file to.
    expect(screen.queryByLabelText('Attach a file')).toBeNull();
    await say(user, 'lee@example.com: refund please');
    await user.click(await screen.findByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    const input = screen.getByLabelText('Attach a file');
    expect(input).toHaveAccessibleDescription('Images, PDF or text, up to 3 MB');
    fireEvent.change(input, {
      target: { files: [new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })] },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Images, PDF or text only');
    const big = new File([new Uint8Array(3 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [big] } });
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('larger than 3 MB'));
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 128]);
    fireEvent.change(input, {
      target: { files: [new File([bytes], 'receipt.png', { type: 'image/png' })] },
    });
    await screen.findByText(/Attached: receipt.png/);
    await say(user, 'the receipt');
    const line = log().getByText('the receipt').closest('li')!;
    await vi.waitFor(() => expect(line).toHaveTextContent('Delivered'));
    expect(line).toHaveTextContent('Attached: receipt.png');
    expect(toAgent).toHaveLength(1);
    expect(toAgent[0]?.attachment).toEqual({
      name: 'receipt.png',
      contentType: 'image/png',
      data: btoa(String.fromCharCode(...bytes)),
    });
    // Sent: the next message goes without it.
    await say(user, 'thanks');
    await vi.waitFor(() => expect(toAgent).toHaveLength(2));
    expect(toAgent[1]?.attachment).toBeUndefined();
  });

  it('shows a file an agent sent as a download link through this server', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const escalations = serveEscalations(escalated);
    const withFile = {
      ...reply('r9', 'Here is your invoice.'),
      attachments: [{ id: '5e0e14c103a4e80018b374aa', name: 'invoice.pdf' }],
    };
    serveEscalationStatus(
      () => ({}),
      () => ({ replies: [withFile] }),
    );
    const { user } = renderUi(<ChatPage />);
    await say(user, 'lee@example.com: refund please');
    await user.click(await screen.findByRole('button', { name: 'Talk to a human' }));
    await screen.findByText(/You're connected/);
    await act(() => vi.advanceTimersByTimeAsync(3000));
    const link = await log().findByRole('link', { name: 'Download invoice.pdf' });
    const sent = escalations[0]!;
    expect(link.getAttribute('href')).toBe(
      `/api/escalations/${sent.escalationId}/attachments/r9/5e0e14c103a4e80018b374aa?sessionId=${sent.sessionId}`,
    );
  });
});

/** The escalation button with spy callbacks, as a chat would mount it. */
import { vi } from 'vitest';
import EscalationButton, {
  type EscalationButtonProps,
} from '../../../src/chat/escalation-button.js';
import { renderUi } from './render.js';

export const TRANSCRIPT = [
  { id: 'm1', role: 'user' as const, text: 'My invoice is wrong', at: '2026-01-01T10:00:00Z' },
];

export function renderButton(props: Partial<EscalationButtonProps> = {}) {
  const onReply = vi.fn();
  const onClosed = vi.fn();
  const onConnected = vi.fn();
  const view = renderUi(
    <EscalationButton
      sessionId="chat-1"
      transcript={TRANSCRIPT}
      intent="billing"
      summary="Intent: billing."
      onReply={onReply}
      onClosed={onClosed}
      onConnected={onConnected}
      {...props}
    />,
  );
  return { ...view, onReply, onClosed, onConnected };
}

/**
 * Sends what the customer types after the hand-off to POST /api/escalations/:id/messages, one
 * message at a time so they arrive in the order typed, and reports each one's fate honestly:
 * delivered (201), saved for later delivery (202), or not sent (anything else, with Try again,
 * which resends the same id: the server never records it twice).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ChatAttachmentInput, ChatMessageResult } from '../shared/live-chat.js';
import { useApiBase } from '../lib/api-base.js';
import type { Delivery } from './chat-lines.js';

export interface Outgoing {
  id: string;
  text: string;
  at: string;
  attachment?: ChatAttachmentInput;
}

export interface SendTarget {
  escalationId: string;
  sessionId: string;
}

export type SendReport = (
  id: string,
  delivery: Delivery,
  stored?: { text: string; masked: boolean },
) => void;

async function post(
  base: string,
  target: SendTarget,
  message: Outgoing,
): Promise<ChatMessageResult | null> {
  const query = new URLSearchParams({ sessionId: target.sessionId });
  const response = await fetch(
    `${base}/escalations/${encodeURIComponent(target.escalationId)}/messages?${query}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    },
  ).catch(() => null);
  if (!response || (response.status !== 201 && response.status !== 202)) return null;
  return (await response.json().catch(() => null)) as ChatMessageResult | null;
}

/** `apiBase`: where the API is mounted. @default the ApiBaseContext's, '/api' */
export function useChatSender(report: SendReport, apiBase?: string) {
  const base = useApiBase(apiBase);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(report);
  useEffect(() => {
    latest.current = report;
  });
  return useCallback(
    (target: SendTarget, message: Outgoing) => {
      latest.current(message.id, 'sending');
      chain.current = chain.current.then(async () => {
        const result = await post(base, target, message);
        if (!result) return latest.current(message.id, 'failed');
        latest.current(message.id, result.status === 'delivered' ? 'sent' : 'queued', {
          text: result.text,
          masked: result.masked,
        });
      });
    },
    [base],
  );
}

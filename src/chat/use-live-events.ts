/**
 * What the chat hears after the hand-off. With EventSource it listens to
 * GET /api/escalations/:id/events (Server-Sent Events): the browser reconnects by itself when the
 * server ends a stream (it does every 25 s) and sends Last-Event-ID, so nothing is missed or heard
 * twice. Where EventSource is missing or the stream cannot be opened, it polls
 * GET /api/escalations/:id instead.
 */
import { useEffect, useRef, useState } from 'react';
import type { AgentReply, EscalationResult, EscalationStatus } from '../shared/escalation.js';
import type { ChatEvent } from '../shared/live-chat.js';

export interface LiveCallbacks {
  onReply: (reply: AgentReply) => void;
  onClosed: () => void;
  onAgentJoined?: (author: string | null) => void;
  /** Later messages now on the Kustomer conversation (chat message ids). */
  onDelivered?: (messageIds: string[]) => void;
}

export interface Tracked {
  escalationId: string;
  sessionId: string;
}

const statusUrl = (base: string, { escalationId, sessionId }: Tracked) =>
  `${base}/escalations/${encodeURIComponent(escalationId)}?${new URLSearchParams({ sessionId })}`;

async function fetchStatus(base: string, tracked: Tracked): Promise<EscalationStatus | 404 | null> {
  const response = await fetch(statusUrl(base, tracked)).catch(() => null);
  if (response?.status === 404) return 404;
  if (!response?.ok) return null;
  return (await response.json().catch(() => null)) as EscalationStatus | null;
}

export function useLiveEvents(
  tracked: Tracked | null,
  status: string | null,
  pollMs: number,
  latest: { current: LiveCallbacks },
  settle: (result: EscalationResult) => void,
  base = '/api',
) {
  const [streamFailed, setStreamFailed] = useState(false);
  const canStream = typeof EventSource !== 'undefined' && !streamFailed;
  const seen = useRef(new Set<string>());
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);
  const escalationId = tracked?.escalationId ?? null;
  const sessionId = tracked?.sessionId ?? null;

  useEffect(() => {
    if (!escalationId || !sessionId || !canStream) return;
    const target = { escalationId, sessionId };
    const query = new URLSearchParams({ sessionId });
    const source = new EventSource(
      `${base}/escalations/${encodeURIComponent(escalationId)}/events?${query}`,
    );
    const on = (type: ChatEvent['type'], handle: (event: ChatEvent) => void) =>
      source.addEventListener(type, (message) => {
        handle(JSON.parse((message as MessageEvent<string>).data) as ChatEvent);
      });
    on('status', (event) => {
      if (event.type !== 'status' || event.phase === 'pending') return;
      // The stream names the phase; the full result (team, reference) comes from the status.
      void fetchStatus(base, target).then((found) => {
        if (found && found !== 404 && found.result && found.result.status !== statusRef.current) {
          statusRef.current = found.result.status;
          settle(found.result);
        }
      });
    });
    on('agent_joined', (event) => {
      if (event.type === 'agent_joined') latest.current.onAgentJoined?.(event.author);
    });
    on('reply', (event) => {
      if (event.type !== 'reply' || seen.current.has(event.reply.id)) return;
      seen.current.add(event.reply.id);
      latest.current.onReply(event.reply);
    });
    on('delivered', (event) => {
      if (event.type === 'delivered') latest.current.onDelivered?.(event.messageIds);
    });
    on('closed', () => {
      source.close();
      latest.current.onClosed();
    });
    // A stream that ends is reopened by the browser; one refused (404, no streaming) is closed.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setStreamFailed(true);
    };
    return () => source.close();
  }, [escalationId, sessionId, canStream, latest, settle, base]);

  usePoll(canStream ? null : tracked, pollMs, statusRef, seen, latest, settle, base);
}

/** Polls GET /api/escalations/:id for agent replies, delivery of a queued one, and the close. */
function usePoll(
  tracked: Tracked | null,
  pollMs: number,
  statusRef: { current: string | null },
  seen: { current: Set<string> },
  latest: { current: LiveCallbacks },
  settle: (result: EscalationResult) => void,
  base: string,
) {
  const escalationId = tracked?.escalationId ?? null;
  const sessionId = tracked?.sessionId ?? null;
  useEffect(() => {
    if (!escalationId || !sessionId) return;
    let stopped = false;
    const poll = async () => {
      const found = await fetchStatus(base, { escalationId, sessionId });
      // The server no longer has it (deleted after the retention period): nothing will come.
      if (found === 404) stop();
      // A failed poll is not the customer's problem: the next one tries again.
      if (stopped || !found || found === 404) return;
      for (const reply of found.replies ?? []) {
        if (seen.current.has(reply.id)) continue;
        seen.current.add(reply.id);
        latest.current.onReply(reply);
      }
      if (found.result && found.result.status !== statusRef.current) {
        statusRef.current = found.result.status;
        settle(found.result);
      }
      if (found.closed) {
        stop();
        latest.current.onClosed();
      }
    };
    const timer = setInterval(() => void poll(), pollMs);
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    void poll();
    return stop;
  }, [escalationId, sessionId, pollMs, statusRef, seen, latest, settle, base]);
}

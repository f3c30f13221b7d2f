/**
 * The chat's Server-Sent Events stream (text/event-stream). Each event's id is a cursor into the
 * escalation record (escalation/live/chat-events.ts), so a browser that reconnects with
 * Last-Event-ID hears exactly what it missed, whichever instance answers.
 *
 * The stream lives at most STREAM_MS and then ends cleanly: hosts bound a request's time (Vercel
 * functions, the server's request timeout), and EventSource reconnects by itself after `retry`.
 * While open it reads the store when this instance writes to the escalation (immediate) and
 * every POLL_MS otherwise (a webhook handled by another instance).
 */
import { eventsSince, parseCursor, type ChatCursor } from '../../escalation/live/chat-events.js';
import type { Services } from '../services.js';

/** Shorter than the request limits in front of it: vercel.json gives the function 30 s. */
export const STREAM_MS = 25_000;
export const POLL_MS = 500;
/** What the browser waits before reconnecting after the stream ends. */
const RETRY_MS = 500;

export interface StreamTiming {
  streamMs: number;
  pollMs: number;
}

const encoder = new TextEncoder();

export function openEventStream(
  services: Services,
  escalationId: string,
  sessionId: string,
  lastEventId: string | null,
  timing: StreamTiming = { streamMs: STREAM_MS, pollMs: POLL_MS },
): Response {
  const chat = services.escalations.chat;
  const stop = new AbortController();
  let cursor: ChatCursor = parseCursor(lastEventId);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const endAt = Date.now() + timing.streamMs;
      const write = (text: string) => controller.enqueue(encoder.encode(text));
      write(`retry: ${RETRY_MS}\n\n`);
      try {
        while (!stop.signal.aborted) {
          // Listen before reading, so a write between the read and the wait is not missed.
          const changed = chat.signal.next(
            escalationId,
            Math.min(timing.pollMs, Math.max(0, endAt - Date.now())),
            stop.signal,
          );
          const record = await chat.read(escalationId, sessionId);
          if (!record) break; // deleted (retention): nothing more will come
          // This chat's own waiting messages go as soon as they are due, not at the next cron.
          void chat.deliverIfDue(record, endAt - Date.now() - 1_000).catch(() => undefined);
          for (const { id, event } of eventsSince(record, cursor)) {
            write(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            cursor = parseCursor(id);
          }
          if (Date.now() >= endAt) break;
          await changed;
        }
      } catch (error) {
        services.logger.warn('event stream ended by an error', {
          escalationId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (!stop.signal.aborted) controller.close();
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies (nginx) must pass each event on at once.
      'x-accel-buffering': 'no',
    },
  });
}

/**
 * A recording proxy in front of the sandbox: forwards every request as it is and notes, in the
 * order they happen, when each one reached it and when its answer went back. Tests read the
 * order of requests the client made (what started before what finished) without timing anything.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedEvent {
  /** "METHOD /path" as the client sent it (query string left out). */
  request: string;
  phase: 'start' | 'end';
  /** Which request: its start and its end carry the same number. */
  id: number;
}

export interface RequestLog {
  url: string;
  events: LoggedEvent[];
  /** Index in events of the first `phase` event whose request matches. */
  first(pattern: RegExp, phase: LoggedEvent['phase']): number;
  /** Index in events of the last `phase` event whose request matches. */
  last(pattern: RegExp, phase: LoggedEvent['phase']): number;
  close(): Promise<void>;
}

export async function startRequestLog(target: string): Promise<RequestLog> {
  const events: LoggedEvent[] = [];
  const upstream = new URL(target);
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const name = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    const id = ++requests;
    events.push({ request: name, phase: 'start', id });
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => events.push({ request: name, phase: 'end', id }));
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const indexes = (pattern: RegExp, phase: LoggedEvent['phase']) =>
    events.flatMap((e, i) => (e.phase === phase && pattern.test(e.request) ? [i] : []));
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    first: (pattern, phase) => indexes(pattern, phase)[0] ?? -1,
    last: (pattern, phase) => indexes(pattern, phase).at(-1) ?? -1,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * How many requests were made one after another among these events: the longest chain in which
 * each request started after the one before it had ended. Requests still open at the last event
 * do not count. Read from the order of events, so a busy machine cannot add a phantom trip as
 * long as requests sent together overlap (hold each answer a while: the sandbox's latencyMs).
 */
export function sequentialDepth(events: readonly LoggedEvent[]): number {
  const depthOf = new Map<number, number>();
  let endedDeepest = 0;
  let deepest = 0;
  for (const event of events) {
    if (event.phase === 'start') depthOf.set(event.id, endedDeepest + 1);
    else {
      const depth = depthOf.get(event.id) ?? 0;
      endedDeepest = Math.max(endedDeepest, depth);
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

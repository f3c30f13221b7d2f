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
  const server: Server = createServer((req, res) => {
    const name = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    events.push({ request: name, phase: 'start' });
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
        answer.on('end', () => events.push({ request: name, phase: 'end' }));
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

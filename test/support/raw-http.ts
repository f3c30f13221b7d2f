/**
 * Raw HTTP/1.1 over a socket, for requests fetch() refuses to send: forbidden methods, malformed
 * request lines and percent-encodings, bodies shorter than they declare, oversize headers.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code, or null when the server closed the connection without one. */
  status: number | null;
  text: string;
}

/**
 * Writes `head` (CRLFs added) and `body`, then reads until the server closes or `waitMs` passes.
 * With `hangUp`, the client closes its side right after writing: an aborted request. With
 * `unfinished`, the blank line that ends the headers is never sent.
 */
export function rawRequest(
  url: string,
  head: string[],
  options: { body?: Buffer | string; hangUp?: boolean; waitMs?: number; unfinished?: boolean } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text });
    };
    const timer = setTimeout(finish, options.waitMs ?? 5000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      const end = options.unfinished ? '\r\n' : '\r\n\r\n';
      socket.write(Buffer.from(`${head.join('\r\n')}${end}`, 'latin1'));
      if (options.body !== undefined) socket.write(options.body);
      if (options.hangUp) socket.destroy();
    });
  });
}

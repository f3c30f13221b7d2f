/**
 * `npm start`'s server limits over real sockets, with the limits shortened: a half-sent request
 * is answered 408 and closed; a long streamed response (an event stream) is not cut by them;
 * past the connection cap new sockets are refused while open ones keep working.
 */
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHandler } from '../../src/server/node-adapter.js';
import { createLimitedServer, type ServerLimitsOptions } from '../../src/server/server-limits.js';
import { rawRequest } from '../support/raw-http.js';

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
});

/** A stream of `count` chunks, one every `everyMs`, like an event stream's heartbeats. */
function ticking(count: number, everyMs: number): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      controller.enqueue(new TextEncoder().encode(`data: ${sent}\n\n`));
      sent += 1;
      if (sent === count) controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function serve(limits: ServerLimitsOptions): Promise<string> {
  let url = '';
  const handle = async (request: Request) => {
    if (new URL(request.url).pathname === '/api/stream') return ticking(8, 150);
    if (request.body) await request.text();
    return Response.json({ status: 'ok' });
  };
  server = createLimitedServer(
    nodeHandler(handle, () => url),
    limits,
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return url;
}

const SHORT = { headersTimeoutMs: 300, requestTimeoutMs: 600 };

describe('server limits', () => {
  it('answers headers that never finish with 408 and closes the connection', async () => {
    const url = await serve(SHORT);
    const answer = await rawRequest(url, ['GET /api/health HTTP/1.1', 'Host: x', 'X-Slow: 1'], {
      unfinished: true,
      waitMs: 10_000,
    });
    expect(answer.status).toBe(408);
  });

  it('answers a body that never finishes with 408 and closes the connection', async () => {
    const url = await serve(SHORT);
    const answer = await rawRequest(
      url,
      [
        'POST /api/echo HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        'Content-Length: 100',
      ],
      { body: '{"a":', waitMs: 10_000 },
    );
    expect(answer.status).toBe(408);
  });

  it('keeps a streamed response open well past the request timeout', async () => {
    const url = await serve(SHORT);
    const response = await fetch(`${url}/api/stream`);
    const text = await response.text();
    // 8 chunks 150 ms apart: twice the request timeout, every one arrived.
    expect(text.match(/^data: \d+$/gm)).toHaveLength(8);
  });

  it('refuses connections past the cap and serves the open ones', async () => {
    const url = await serve({ maxConnections: 2 });
    const { port } = new URL(url);
    const open = () =>
      new Promise<Socket>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
        sockets.push(socket);
      });
    const [first] = [await open(), await open()];
    const third = await open();
    const closed = await new Promise<boolean>((resolve) => {
      third.once('close', () => resolve(true));
      third.once('data', () => resolve(false));
      third.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    expect(closed).toBe(true);
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      first!.on('data', (chunk) => (text += chunk.toString()));
      first!.once('close', () => resolve(text));
      first!.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});

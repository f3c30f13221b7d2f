/**
 * The per-IP limit of POST /api/escalations over real HTTP through the Node adapter: without
 * TRUST_PROXY the socket address counts, so a client varying X-Forwarded-For cannot dodge it;
 * with TRUST_PROXY=true the address the proxy appended (the rightmost) is the client's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { nodeHandler } from '../../src/server/node-adapter.js';
import { startHarness, type Harness } from './harness.js';

interface Served {
  h: Harness;
  server: Server;
  url: string;
}

async function serve(env: Record<string, string>): Promise<Served> {
  const h = await startHarness({ ESCALATION_RATE_LIMIT_PER_IP: '3', ...env });
  let url = '';
  const server = createServer(nodeHandler(createApp(h.services), () => url));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { h, server, url };
}

async function stop({ h, server }: Served): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
}

/** Posts an empty body (400 once past the per-IP check, which runs first) from each address. */
async function statuses(url: string, forwardedFor: string[]): Promise<number[]> {
  const result: number[] = [];
  for (const address of forwardedFor) {
    const response = await fetch(`${url}/api/escalations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: '{}',
    });
    result.push(response.status);
  }
  return result;
}

const spoofed = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5'];

describe('per-IP limit without TRUST_PROXY (the default off Vercel)', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve({});
  });
  afterAll(() => stop(s));

  it('counts the socket address, whatever X-Forwarded-For says', async () => {
    expect(s.h.services.env.trustProxy).toEqual({ mode: 'off' });
    expect(await statuses(s.url, spoofed)).toEqual([400, 400, 400, 429, 429]);
  });
});

describe('per-IP limit with TRUST_PROXY=true (one proxy in front)', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve({ TRUST_PROXY: 'true' });
  });
  afterAll(() => stop(s));

  it('counts the address the proxy appended, whatever the client wrote to its left', async () => {
    // A proxy that appends: the client controls everything before the last entry.
    const dodging = spoofed.map((address) => `${address}, 198.51.100.7`);
    expect(await statuses(s.url, dodging)).toEqual([400, 400, 400, 429, 429]);
    // Other clients behind the same proxy are counted on their own.
    expect(await statuses(s.url, ['198.51.100.8', '198.51.100.9'])).toEqual([400, 400]);
  });
});

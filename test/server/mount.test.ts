/**
 * The module mounted in a host under a prefix of the host's choosing, over real HTTP: through
 * the Node/Express middleware and the Next.js route handlers, with the embedded sandbox's
 * webhooks finding their way back under the same prefix.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationServer,
  toNextRouteHandlers,
  toNodeMiddleware,
  type EscalationServer,
} from '../../src/entry/server.js';

const PREFIX = '/support/kustomer';
let escalation: EscalationServer;
let http: Server;
let origin: string;

const body = (escalationId: string) => ({
  escalationId,
  sessionId: `session-${escalationId}`,
  customer: { email: `${escalationId}@example.com` },
  reason: 'user_requested',
  transcript: [{ id: 'l1', role: 'user', text: 'a person please', at: new Date().toISOString() }],
});

const post = (path: string, data: unknown) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });

beforeAll(async () => {
  escalation = createEscalationServer({ prefix: `${PREFIX}/`, env: { STORE: 'memory' } });
  const middleware = toNodeMiddleware(escalation);
  // The host's own routes answer 418, so a request handed on is told apart from a 404 of ours.
  http = createServer((req, res) => middleware(req, res, () => res.writeHead(418).end('host')));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await escalation.close();
});

describe('createEscalationServer under a prefix', () => {
  it('escalates under the prefix and hands every other path to the host', async () => {
    const created = await post(`${PREFIX}/escalations`, body('mount-1'));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: 'escalated', escalationId: 'mount-1' });
    expect((await fetch(`${origin}/api/escalations`)).status).toBe(418);
    expect((await fetch(`${origin}${PREFIX}x/escalations`)).status).toBe(418);
    const missing = await fetch(`${origin}${PREFIX}/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });

  it('has the sandbox send its webhooks under the prefix, so an agent reply reaches the chat', async () => {
    const created = await (await post(`${PREFIX}/escalations`, body('mount-2'))).json();
    const { sandbox } = await escalation.services();
    await sandbox!.agentReply(created.conversationId, 'Hello from an agent');
    const statusUrl = `${origin}${PREFIX}/escalations/mount-2?sessionId=session-mount-2`;
    let replies: { text: string }[] = [];
    for (let i = 0; i < 100 && replies.length === 0; i += 1) {
      replies = (await (await fetch(statusUrl)).json()).replies ?? [];
      if (replies.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replies.map((r) => r.text)).toEqual(['Hello from an agent']);
  });

  it('answers the same through the Next.js route handlers', async () => {
    const { POST, GET } = toNextRouteHandlers(escalation);
    const created = await POST(
      new Request(`${origin}${PREFIX}/escalations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body('mount-3')),
      }),
    );
    expect(created.status).toBe(201);
    const status = await GET(
      new Request(`${origin}${PREFIX}/escalations/mount-3?sessionId=session-mount-3`),
    );
    expect((await status.json()).result).toMatchObject({ status: 'escalated' });
  });
});

describe('the drain entry', () => {
  it('delivers an escalation queued while Kustomer was down, once it is due', async () => {
    let now = Date.now();
    const server = createEscalationServer({ env: { STORE: 'memory' }, clock: () => now });
    const { sandbox } = await server.services();
    sandbox!.setFaults({ outageUntil: now + 3_600_000 });
    const queued = await server.handle(
      new Request('http://host.test/api/escalations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body('drain-1')),
      }),
    );
    expect(queued.status).toBe(202);
    sandbox!.clearFaults();
    now += 3_600_000;
    const report = await server.drain();
    expect(report.delivered).toBe(1);
    expect(sandbox!.state().conversations).toHaveLength(1);
    await server.close();
  });
});

describe('a configuration error', () => {
  it('answers 503 naming the variable, never its value, and tries again on the next request', async () => {
    const broken = createEscalationServer({
      env: { STORE: 'memory', ADMIN_TOKEN: 'short-secret' },
    });
    const answer = await broken.handle(new Request('http://host.test/api/escalations'));
    expect(answer.status).toBe(503);
    const error = (await answer.json()).error;
    expect(error.code).toBe('config_error');
    expect(error.message).toContain('ADMIN_TOKEN');
    expect(error.message).not.toContain('short-secret');
    await broken.close();
  });
});

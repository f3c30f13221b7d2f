/**
 * `npm start` as a real process, fired at with each class of hostile request over a raw socket
 * (the ones fetch() refuses to send). After every one the process must still be running and
 * answer /api/health; each gets its documented 4xx/501, never a 5xx; nothing is logged at error
 * level; and a folder beside dist/ (dist-server, with the compiled server) is never served.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServerProcess } from '../support/node-server-process.js';
import { rawRequest } from '../support/raw-http.js';

const SECRET_SOURCE = 'COMPILED-SERVER-CODE-must-never-be-served';
const INDEX = '<!doctype html><title>app</title>';

let dir: string;
let server: NodeServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), INDEX);
  writeFileSync(join(dir, 'dist', 'assets', 'app-1234.js'), 'console.log(1)');
  mkdirSync(join(dir, 'dist-server', 'src'), { recursive: true });
  writeFileSync(join(dir, 'dist-server', 'src', 'env.js'), SECRET_SOURCE);
  writeFileSync(join(dir, 'secret.txt'), SECRET_SOURCE);
  server = await startNodeServer(dir, {
    PORT: '0',
    HOST: '127.0.0.1',
    STORE: 'memory',
    DIST_DIR: join(dir, 'dist'),
  });
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (target: string, extra: string[] = []) => [
  `GET ${target} HTTP/1.1`,
  'Host: localhost',
  'Connection: close',
  ...extra,
];

interface Hostile {
  name: string;
  head: string[];
  body?: string;
  hangUp?: boolean;
  /** The status it must get; null: the connection may close without one (the client left). */
  expected: number | null;
}

const HOSTILE: Hostile[] = [
  { name: 'malformed percent-encoding in a page path', head: get('/%E0'), expected: 400 },
  { name: 'malformed percent-encoding in an asset path', head: get('/assets/%ff'), expected: 400 },
  {
    name: 'malformed percent-encoding in an /api id',
    head: get('/api/escalations/%E0?sessionId=s'),
    expected: 400,
  },
  {
    name: 'TRACE (fetch refuses to build it)',
    head: ['TRACE /api/health HTTP/1.1', 'Host: x', 'Connection: close'],
    expected: 501,
  },
  {
    name: "TRACK (Node's parser refuses it)",
    head: ['TRACK /api/health HTTP/1.1', 'Host: x', 'Connection: close'],
    expected: 400,
  },
  {
    name: 'TRACE on a page',
    head: ['TRACE / HTTP/1.1', 'Host: x', 'Connection: close'],
    expected: 405,
  },
  {
    name: 'a method no route has on /api',
    head: ['PROPFIND /api/health HTTP/1.1', 'Host: x', 'Connection: close'],
    expected: 405,
  },
  {
    name: 'a method HTTP does not know',
    head: ['BREW /api/health HTTP/1.1', 'Host: x', 'Connection: close'],
    expected: 400,
  },
  {
    name: 'CONNECT (a proxy request)',
    head: ['CONNECT 127.0.0.1:9 HTTP/1.1', 'Host: 127.0.0.1:9'],
    expected: null,
  },
  { name: 'a request line that is not HTTP', head: ['\u00ff\u00fe GARBAGE'], expected: 400 },
  {
    name: 'headers past the size limit',
    head: get('/api/health', [`X-Big: ${'a'.repeat(20_000)}`]),
    expected: 431,
  },
  {
    name: 'bytes outside ASCII in a header',
    head: get('/api/health', ['X-Odd: \u00ff\u00e9\u0080']),
    expected: 200,
  },
  { name: 'NUL in a path', head: get('/%00'), expected: 200 },
  {
    name: 'absolute-form request line',
    head: get('http://evil.example/api/health'),
    expected: 200,
  },
  { name: 'a scheme-relative path', head: get('//evil.example/api/health'), expected: 200 },
  {
    name: 'asterisk-form on OPTIONS',
    head: ['OPTIONS * HTTP/1.1', 'Host: x', 'Connection: close'],
    expected: 405,
  },
  {
    name: 'a body shorter than its Content-Length, then the client leaves',
    head: [
      'POST /api/escalations HTTP/1.1',
      'Host: x',
      'Content-Type: application/json',
      'Content-Length: 500',
    ],
    body: '{"escalationId":',
    hangUp: true,
    expected: null,
  },
  {
    name: 'a webhook declaring a terabyte body (answered before any of it is read)',
    head: [
      'POST /api/webhooks/kustomer HTTP/1.1',
      'Host: x',
      'Content-Type: application/json',
      'Content-Length: 1000000000000',
      'Connection: close',
    ],
    expected: 413,
  },
  {
    name: 'a broken chunked body',
    head: [
      'POST /api/escalations HTTP/1.1',
      'Host: x',
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      'Connection: close',
    ],
    body: 'zz\r\nnot hex\r\n',
    expected: 400,
  },
];

const TRAVERSALS = [
  '/..%2fdist-server%2fsrc%2fenv.js',
  '/../dist-server/src/env.js',
  '/assets/..%2f..%2fdist-server%2fsrc%2fenv.js',
  '/..%2fsecret.txt',
  '/%2e%2e/secret.txt',
  '/..%5csecret.txt',
];

describe('npm start under hostile requests', () => {
  it.each(HOSTILE)('survives $name', async ({ head, body, hangUp, expected }) => {
    const answer = await rawRequest(server.url, head, {
      ...(body !== undefined ? { body } : {}),
      ...(hangUp ? { hangUp, waitMs: 500 } : {}),
    });
    if (expected !== null) expect(answer.status).toBe(expected);
    else expect(answer.status === null || answer.status < 500).toBe(true);
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it.each(TRAVERSALS)('never serves a file outside dist/ for %s', async (path) => {
    const answer = await rawRequest(server.url, get(path));
    expect(answer.text).not.toContain(SECRET_SOURCE);
    expect([200, 400, 404]).toContain(answer.status);
  });

  it('still serves the app and its assets', async () => {
    const asset = await rawRequest(server.url, get('/assets/app-1234.js'));
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('immutable');
    const page = await rawRequest(server.url, get('/integrations'));
    expect(page.text).toContain(INDEX);
  });

  it('logged none of it as an error', async () => {
    // The aborted request's log line arrives once the server notices the client left.
    await expect.poll(() => server.output().includes('"status":499'), { timeout: 5000 }).toBe(true);
    const errors = server
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":"error"'));
    expect(errors).toEqual([]);
  });
});

/**
 * `npm start`'s static files over real HTTP, as a browser fetches them: compressed when the
 * browser takes it, hashed assets cached for good, the page revalidated, no source maps, a
 * favicon, and missing assets a 404 rather than the page's HTML.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/server/compressed-files.js';
import { serveStatic } from '../../src/server/static-files.js';

const SCRIPT = `export const text = ${JSON.stringify('chat '.repeat(2000))};\n`;
const PAGE = `<!doctype html><title>app</title>${'<p>hello</p>'.repeat(200)}`;
let dir: string;
let server: Server;
let origin: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http rather than fetch: fetch would decompress and hide what went over the wire. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject).end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'assets', 'app-Ab12Cd.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'app-Ab12Cd.js.map'), '{"sources":["src/secret.ts"]}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = createServer(serveStatic(dir));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('sends brotli to a browser that takes it, with Vary, and the bytes decode to the file', async () => {
    const answer = await get('/assets/app-Ab12Cd.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip where brotli is not accepted, and the plain file where nothing is', async () => {
    const gz = await get('/assets/app-Ab12Cd.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get('/assets/app-Ab12Cd.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('caches hashed assets for a year as immutable and revalidates the page', async () => {
    const asset = await get('/assets/app-Ab12Cd.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/settings/integrations', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).toString()).toBe(PAGE);
  });

  it('never serves a source map, and a missing asset is a 404, not the page', async () => {
    expect((await get('/assets/app-Ab12Cd.js.map')).status).toBe(404);
    const missing = await get('/assets/app-Old999.js');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).not.toContain('<!doctype html>');
  });

  it('serves the favicon as SVG, and HEAD with the length but no body', async () => {
    const icon = await get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    const head = await get('/assets/app-Ab12Cd.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
  });
});

describe('chooseEncoding', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip;q=1.0, br;q=0', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    ['', null],
    ['gzip;q=0, br;q=0', null],
  ] as const)('%j -> %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

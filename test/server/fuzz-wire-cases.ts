/**
 * Generators of hostile raw HTTP/1.1 requests for the wire fuzz (fuzz.test.ts): every class an
 * outside audit fired at the server. Request lines with malformed percent-encodings, traversal
 * and overlong paths; methods Node or fetch refuse; forged and garbage X-Forwarded-For; declared
 * body sizes that lie; broken chunked bodies; clients that hang up; bodies of every JSON shape.
 */
import fc from 'fast-check';

export interface WireCase {
  method: string;
  target: string;
  headers: [string, string][];
  body: string;
  /** Close the connection right after writing: an aborted request. */
  hangUp: boolean;
}

const ROUTES = [
  '/api/escalations',
  '/api/escalations/{id}',
  '/api/escalations/{id}/messages',
  '/api/escalations/{id}/events',
  '/api/integrations/kustomer',
  '/api/integrations/kustomer/settings',
  '/api/integrations/kustomer/test-escalation',
  '/api/integrations/kustomer/customers',
  '/api/integrations/kustomer/routing/try',
  '/api/integrations/kustomer/outbox/{id}/retry',
  '/api/integrations/kustomer/sandbox/conversations/{id}/close',
  '/api/webhooks/kustomer',
  '/api/cron/drain-outbox',
  '/api/health',
  '/api/ready',
  '/api/nothing/here',
  '/',
  '/integrations',
  '/assets/{id}',
  '/{id}',
];

const hex = fc.constantFrom(...'0123456789abcdefABCDEFgGzZ%'.split(''));
/** Percent-encodings valid, truncated, non-hex, overlong UTF-8, lone surrogates, NUL. */
const percent = fc.oneof(
  fc.tuple(hex, hex).map(([a, b]) => `%${a}${b}`),
  fc.constantFrom(
    '%',
    '%E',
    '%E0',
    '%ff',
    '%C0%AF',
    '%ED%A0%80',
    '%00',
    '%2e%2e%2f',
    '%5c',
    '%F0%9F%98',
  ),
);
const segmentPart = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/) },
  { weight: 3, arbitrary: percent },
  { weight: 1, arbitrary: fc.constantFrom('..', '.', '..%2f..%2fdist-server', '%2e%2e', '..\\..') },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(3000), '%41'.repeat(400)) },
);
const segment = fc
  .array(segmentPart, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));
const query = fc.oneof(
  fc.constant(''),
  fc.constant('?sessionId=chat-1'),
  fc.constant('?email=a%40example.com'),
  fc.array(segmentPart, { maxLength: 3 }).map((parts) => `?${parts.join('&')}=${parts.join('')}`),
);
const target = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), segment, query)
      .map(([r, s, q]) => r.replace('{id}', s) + q),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '*',
      '//evil.example/api/health',
      'http://evil.example/api/health',
      '/api/health#x',
      '/%',
      '/api/%',
    ),
  },
);
const method = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('DELETE', 'PATCH', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE'),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,8}$/) },
);

const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('unknown', '', ' ', '::ffff:127.0.0.1', '999.1.1.1', 'x'.repeat(300), ','),
);
const forwarded = fc.array(address, { minLength: 1, maxLength: 6 }).map((list) => list.join(', '));
/** Header values that stay on one line: latin1 with obs-text, no CR/LF (that is another request). */
const oddValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
  fc.constantFrom('\u00ff\u00fe', 'é', '\u0080\u0081', ' '.repeat(10), 'a'.repeat(9000)),
);
const optionalHeader = fc.oneof(
  fc.tuple(fc.constant('X-Forwarded-For'), forwarded),
  fc.tuple(
    fc.constant('X-Forwarded-Proto'),
    fc.constantFrom('https', 'http', 'https, http', 'gopher', ''),
  ),
  fc.tuple(fc.constant('X-Request-Id'), oddValue),
  fc.tuple(
    fc.constant('Authorization'),
    fc.oneof(
      oddValue,
      oddValue.map((v) => `Bearer ${v}`),
    ),
  ),
  fc.tuple(
    fc.constant('Origin'),
    fc.constantFrom('https://evil.example', 'null', 'http://localhost'),
  ),
  fc.tuple(
    fc.constant('X-Kustomer-Webhook-Signature'),
    fc.oneof(oddValue, fc.constant('ab'.repeat(32))),
  ),
  fc.tuple(fc.constant('Last-Event-ID'), oddValue),
  fc.tuple(
    fc.constant('Content-Type'),
    fc.constantFrom(
      'application/json',
      'text/plain',
      'application/json; charset=latin1',
      'multipart/form-data; boundary=x',
      '',
    ),
  ),
  fc.tuple(fc.constant('X-Odd'), oddValue),
);

const json = fc.oneof(
  fc.constant(
    '{"escalationId":"fuzz-wire","sessionId":"chat-1","customer":{"email":"a@example.com"},"transcript":[],"reason":"user_requested"}',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"a":',
    '[[[[[[[[',
    '"\\ud800"',
    '{"__proto__":{"polluted":1}}',
    'null',
    '{"text":"' + 'x'.repeat(70_000) + '"}',
  ),
  fc.string({ maxLength: 100 }),
);

/** How the body is framed: honestly, with a lying Content-Length, or chunked (well or badly). */
const framing = fc.constantFrom(
  'exact',
  'exact',
  'exact',
  'none',
  'huge',
  'short-hangup',
  'chunked',
  'bad-chunked',
);

export const wireCase: fc.Arbitrary<WireCase> = fc
  .record({
    method,
    target,
    extra: fc.array(optionalHeader, { maxLength: 5 }),
    body: json,
    framing,
  })
  .map(({ method, target, extra, body, framing }) => {
    const headers: [string, string][] = [['Host', 'localhost'], ...extra];
    let sent = body;
    let hangUp = false;
    if (framing === 'exact')
      headers.push(['Content-Length', String(Buffer.byteLength(body, 'latin1'))]);
    else if (framing === 'none') sent = '';
    else if (framing === 'huge') {
      headers.push(['Content-Length', '1000000000000']);
      sent = '';
    } else if (framing === 'short-hangup') {
      headers.push(['Content-Length', String(Buffer.byteLength(body, 'latin1') + 100)]);
      hangUp = true;
    } else if (framing === 'chunked') {
      headers.push(['Transfer-Encoding', 'chunked']);
      sent = `${Buffer.byteLength(body, 'latin1').toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    } else {
      headers.push(['Transfer-Encoding', 'chunked']);
      sent = `zz\r\n${body}\r\n`;
    }
    if (!hangUp) headers.push(['Connection', 'close']);
    return { method, target, headers, body: sent, hangUp };
  });

/** What the HTTP layer is told: which origins may call it, and how long Kustomer calls may take. */
import { fail, pass, skip, warn, type Check } from '../types.js';

const ORIGIN = /^https?:\/\/[^/\s]+$/;
const LOCAL = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

export const corsCheck: Check = ({ env, production }) => {
  const id = 'http.cors';
  const title = 'CORS origins explicit';
  const origins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length === 0) return pass(id, title, 'same-origin only (ALLOWED_ORIGINS not set)');
  if (origins.includes('*'))
    return fail(
      id,
      title,
      'ALLOWED_ORIGINS contains *',
      'list the exact origins of the chat app, e.g. https://chat.example.com',
    );
  const malformed = origins.filter((o) => !ORIGIN.test(o));
  if (malformed.length)
    return warn(
      id,
      title,
      `${malformed.join(', ')}: an origin has no path or trailing slash, so these never match`,
      'write each origin as scheme://host[:port]',
    );
  const plain = origins.filter((o) => o.startsWith('http:') && !LOCAL.test(o));
  if (production && plain.length)
    return warn(
      id,
      title,
      `${plain.join(', ')} use plain http in production`,
      'serve the chat app over https',
    );
  return pass(id, title, origins.join(', '));
};

export const timeoutCheck: Check = ({ kustomer }) => {
  const id = 'http.timeout';
  const title = 'Kustomer timeout sane';
  if (!kustomer.ok) return skip(id, title, 'configuration does not load');
  const ms = kustomer.value.timeoutMs;
  const detail = `KUSTOMER_TIMEOUT_MS=${ms}`;
  if (ms > 30_000)
    return fail(
      id,
      title,
      `${detail}: longer than one outbox delivery may take (30 s)`,
      'use 2000-15000 ms (default 8000)',
    );
  if (ms < 2000 || ms > 15_000)
    return warn(
      id,
      title,
      `${detail}: ${ms < 2000 ? 'ordinary slow answers will time out' : 'a hung call holds a drain slot long'}`,
      'use 2000-15000 ms (default 8000)',
    );
  return pass(id, title, detail);
};

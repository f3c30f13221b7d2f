/**
 * The shared secrets: the webhook signing token (agent replies and closes are verified with it),
 * the cron secret (Vercel Cron's drain call) and the admin token (settings and outbox endpoints).
 */
import { fail, pass, warn, type Check } from '../types.js';

export const MIN_ADMIN_TOKEN = 32;
const PLACEHOLDER = /change.?me|replace.?me|example|your[-_]|placeholder|<|>/i;

function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

function sequentialShare(text: string): number {
  let steps = 0;
  for (let i = 1; i < text.length; i += 1)
    if (Math.abs(text.charCodeAt(i) - text.charCodeAt(i - 1)) <= 1) steps += 1;
  return steps / Math.max(1, text.length - 1);
}

/** Why a token is guessable, or null when it looks random enough. */
export function tokenWeakness(token: string): string | null {
  if (token.length < MIN_ADMIN_TOKEN)
    return `${token.length} characters, fewer than ${MIN_ADMIN_TOKEN}`;
  if (PLACEHOLDER.test(token)) return 'looks like a placeholder from a template';
  if (new Set(token).size < 10) return 'too few distinct characters (repeated characters)';
  if (sequentialShare(token) > 0.5)
    return 'mostly a run of neighbouring characters (e.g. abcd, 1234)';
  if (entropyPerChar(token) < 3) return 'low entropy: characters repeat too often';
  return null;
}

export const adminTokenCheck: Check = ({ env, kustomer, production }) => {
  const id = 'secret.admin-token';
  const title = 'Admin token strong';
  const token = env.ADMIN_TOKEN?.trim();
  const strict = production || (kustomer.ok && kustomer.value.mode === 'live');
  const fix = 'set ADMIN_TOKEN to 32+ random characters, e.g. `openssl rand -hex 32`';
  if (!token) {
    const detail = 'ADMIN_TOKEN is not set: the settings and outbox endpoints are open';
    return strict ? fail(id, title, detail, fix) : warn(id, title, `${detail} (sandbox mode)`, fix);
  }
  const weakness = tokenWeakness(token);
  if (!weakness) return pass(id, title, `${token.length} characters, no obvious pattern`);
  const detail = `ADMIN_TOKEN is weak: ${weakness}`;
  return strict ? fail(id, title, detail, fix) : warn(id, title, detail, fix);
};

export const webhookSecretCheck: Check = ({ env, kustomer }) => {
  const id = 'secret.webhook';
  const title = 'Webhook secret set';
  if (env.KUSTOMER_WEBHOOK_SECRET?.trim()) return pass(id, title, 'KUSTOMER_WEBHOOK_SECRET is set');
  const fix =
    "set KUSTOMER_WEBHOOK_SECRET to the outbound webhook's token (Settings › Platform › Outbound webhooks)";
  if (!kustomer.ok || kustomer.value.mode === 'sandbox')
    return warn(id, title, 'not set: the embedded sandbox uses a generated one', fix);
  return fail(id, title, 'not set: agent replies and closed conversations are rejected', fix);
};

export const cronSecretCheck: Check = ({ env, onVercel, kustomer }) => {
  const id = 'secret.cron';
  const title = 'Cron secret set';
  if (!env.CRON_SECRET?.trim()) {
    const fix =
      'set CRON_SECRET (16+ random characters); Vercel Cron sends it in the Authorization header';
    if (onVercel)
      return fail(
        id,
        title,
        'not set on Vercel: the cron drain is refused, the outbox never drains',
        fix,
      );
    const live = kustomer.ok && kustomer.value.mode === 'live';
    return warn(
      id,
      title,
      `not set: only needed for Vercel Cron (npm start drains on its own)${live ? '' : '; sandbox mode'}`,
      fix,
    );
  }
  return env.CRON_SECRET.trim() === env.ADMIN_TOKEN?.trim()
    ? warn(id, title, 'CRON_SECRET equals ADMIN_TOKEN', 'use a different value for each secret')
    : pass(id, title, 'CRON_SECRET is set');
};

/**
 * The durable outbox: a store that survives where the app runs (Redis on Vercel, where each
 * function has its own short-lived disk), reachable, draining, and with nothing dead in it.
 */
import { fail, pass, skip, warn, type Check } from '../types.js';

/** Waiting longer than this means nothing is draining (the drainer runs every few seconds). */
export const STUCK_AFTER_MS = 15 * 60_000;
const LIST = 'npm run kustomer -- outbox list';

export const storeDurableCheck: Check = ({ storeKind, onVercel, production }) => {
  const id = 'store.durable';
  const title = 'Durable store for production';
  if (!storeKind) return skip(id, title, 'STORE is not file, redis or memory');
  if (storeKind === 'redis') return pass(id, title, 'Redis: shared by every instance');
  if (storeKind === 'file' && onVercel)
    return fail(
      id,
      title,
      'STORE=file on Vercel: each function has its own short-lived disk',
      'set REDIS_URL (e.g. a Vercel Redis / Upstash integration)',
    );
  if (storeKind === 'file')
    return pass(
      id,
      title,
      'file store: durable for one long-running instance (use Redis for several)',
    );
  const detail = 'STORE=memory: queued escalations are lost on restart';
  return production
    ? fail(id, title, detail, 'set REDIS_URL, or STORE=file for a single self-hosted instance')
    : warn(id, title, detail, 'use STORE=file or REDIS_URL outside tests');
};

export const storeReachableCheck: Check = ({ store }) => {
  const id = 'store.reachable';
  const title = 'Store reachable';
  if (!store) return skip(id, title, 'configuration does not load');
  if (store.lockedBy && store.readThrough?.ok)
    return pass(id, title, `${store.lockedBy}; read through it at ${store.readThrough.value}`);
  if (store.lockedBy)
    return warn(
      id,
      title,
      `${store.lockedBy}; ${store.readThrough?.ok === false ? store.readThrough.message : 'not read'}`,
      'set APP_URL (and ADMIN_TOKEN) so the doctor can read through the server, or stop it',
    );
  if (!store.reachable.ok)
    return fail(
      id,
      title,
      `${store.where}: ${store.reachable.message}`,
      'check REDIS_URL / STORE_DIR and that the store is running',
    );
  return pass(id, title, `${store.kind} store answers (${store.where})`);
};

export const outboxDrainingCheck: Check = ({ store, now }) => {
  const id = 'outbox.draining';
  const title = 'Outbox empty or draining';
  const summary = store?.summary;
  if (!summary) return skip(id, title, 'the store could not be read');
  const waiting = summary.queued + summary.retrying;
  if (waiting === 0) return pass(id, title, 'nothing waiting');
  const ageMs = summary.oldestQueuedAt ? now - Date.parse(summary.oldestQueuedAt) : 0;
  const detail = `${waiting} waiting, the oldest for ${Math.round(ageMs / 60_000)} min`;
  if (ageMs > STUCK_AFTER_MS)
    return fail(
      id,
      title,
      `${detail}: nothing is draining`,
      `check that the drainer runs (Vercel Cron with CRON_SECRET, or npm start), then ${LIST}`,
    );
  return warn(id, title, detail, `watch it drain: ${LIST}`);
};

export const deadCheck: Check = ({ store }) => {
  const id = 'outbox.dead';
  const title = 'No dead escalations';
  const summary = store?.summary;
  if (!summary) return skip(id, title, 'the store could not be read');
  if (summary.dead === 0) return pass(id, title, 'none');
  return fail(
    id,
    title,
    `${summary.dead} escalation${summary.dead === 1 ? '' : 's'} gave up and never reached Kustomer`,
    `${LIST}, fix the cause in the last error, then outbox retry <id> (or outbox purge-dead)`,
  );
};

/** Finished escalations hold transcripts and contact details: they should not be kept forever. */
export const retentionCheck: Check = ({ env }) => {
  const id = 'store.retention';
  const title = 'Finished escalations expire';
  const raw = env.ESCALATION_RETENTION_DAYS?.trim();
  const days = raw ? Number(raw) : 30;
  if (!Number.isInteger(days) || days < 0)
    return skip(id, title, 'ESCALATION_RETENTION_DAYS is not a whole number (see config)');
  if (days === 0)
    return warn(
      id,
      title,
      'ESCALATION_RETENTION_DAYS=0: transcripts and contact details are kept forever',
      'set the number of days your privacy policy allows, e.g. ESCALATION_RETENTION_DAYS=30',
    );
  return pass(id, title, `deleted ${days} days after they finish`);
};

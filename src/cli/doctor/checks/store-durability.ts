/**
 * Whether the store keeps what it has answered "stored" through a crash of the store itself:
 * checked on the live store, not assumed. A Redis without the append-only file forgets queued
 * escalations when it restarts, and then sends a retried escalation to Kustomer a second time.
 * See ../../../escalation/stores/durability.ts for what each setting means.
 */
import { fail, pass, skip, warn, type Check } from '../types.js';

const AOF_FIX =
  'turn on the append-only file: appendonly yes and appendfsync everysec (redis.conf, or CONFIG SET then CONFIG REWRITE); hosted Redis: pick a plan with persistence';

export const storePersistenceCheck: Check = ({ store }) => {
  const id = 'store.persistence';
  const title = 'Store survives its own restart';
  if (!store) return skip(id, title, 'configuration does not load');
  if (store.kind === 'memory') return skip(id, title, 'memory store (see store.durable)');
  if (store.kind === 'file') return pass(id, title, 'file store: every write is fsynced');
  const durability = store.durability;
  if (!durability) return skip(id, title, 'the store could not be read');
  if (durability.level === 'durable') return pass(id, title, durability.detail);
  if (durability.level === 'volatile') return fail(id, title, durability.detail, AOF_FIX);
  if (durability.level === 'weak')
    return warn(id, title, durability.detail, 'set appendfsync everysec (or always)');
  return warn(
    id,
    title,
    durability.detail,
    "check in your provider's documentation that every write is persisted (AOF or equivalent)",
  );
};

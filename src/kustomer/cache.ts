/**
 * Customers by every identity they were found by, and the team list. Entries expire, but an
 * expired entry is kept so a read can still be answered while Kustomer is failing
 * (stale-if-error); an update replaces the customer under all its keys. TTLs run on the client's
 * injected clock.
 */
import { LRUCache } from 'lru-cache';
import type { Customer, CustomerIdentityInput, Team } from './types.js';

export interface CacheOptions {
  /** Customers kept (each under its id, emails, phones and externalId). @default 5000 */
  maxCustomers?: number;
  /** @default 300000 (5 minutes) */
  customerTtlMs?: number;
  /** @default 300000 */
  teamTtlMs?: number;
  /** Clock for TTLs; the client passes its own. @default Date.now */
  clock?: () => number;
}

export type IdentityKind = 'id' | 'email' | 'externalId' | 'phone';

export function identityKey(kind: IdentityKind, value: string): string {
  return `${kind}:${kind === 'email' ? value.trim().toLowerCase() : value.trim()}`;
}

function identityKeys(customer: Customer): string[] {
  return [
    ...customer.emails.map((email) => identityKey('email', email)),
    ...customer.phones.map((phone) => identityKey('phone', phone)),
    ...(customer.externalId ? [identityKey('externalId', customer.externalId)] : []),
  ];
}

export function createClientCache(options: CacheOptions = {}) {
  // ttlResolution 0: read the clock on every check instead of reusing it for a real millisecond.
  const clock = { perf: { now: options.clock ?? Date.now }, ttlResolution: 0 };
  // Customers by id, and every other identity -> id; the bound counts customers, not keys.
  const index = new Map<string, string>();
  const unindex = (customer: Customer) => {
    for (const key of identityKeys(customer)) if (index.get(key) === customer.id) index.delete(key);
  };
  const customers = new LRUCache<string, Customer>({
    max: options.maxCustomers ?? 5000,
    ttl: options.customerTtlMs ?? 300_000,
    allowStale: false,
    noDeleteOnStaleGet: true,
    ...clock,
    dispose: (customer, _id, reason) => reason !== 'set' && unindex(customer),
  });
  const teams = new LRUCache<'all', Team[]>({
    max: 1,
    ttl: options.teamTtlMs ?? 300_000,
    noDeleteOnStaleGet: true,
    ...clock,
  });

  const idFor = (kind: IdentityKind, value: string) =>
    kind === 'id' ? value.trim() : index.get(identityKey(kind, value));
  const read = (kind: IdentityKind, value: string, allowStale: boolean) => {
    const id = idFor(kind, value);
    return (id && customers.get(id, { allowStale })) || null;
  };

  return {
    getCustomer: (kind: IdentityKind, value: string) => read(kind, value, false),
    staleCustomer: (kind: IdentityKind, value: string) => read(kind, value, true),
    /** Stores the customer under all its identities, dropping those an earlier version had. */
    putCustomer(customer: Customer): void {
      const before = customers.peek(customer.id, { allowStale: true });
      if (before) unindex(before);
      customers.set(customer.id, customer);
      for (const key of identityKeys(customer)) index.set(key, customer.id);
    },
    /** The customer for the first identity that is cached, fresh only. */
    customerFor(identity: CustomerIdentityInput): Customer | null {
      const pairs: [IdentityKind, string | undefined][] = [
        ['externalId', identity.externalId],
        ['email', identity.email],
        ['phone', identity.phone],
      ];
      for (const [kind, value] of pairs) {
        const hit = value ? read(kind, value, false) : null;
        if (hit) return hit;
      }
      return null;
    },
    invalidateCustomer(customer: Customer): void {
      customers.delete(customer.id);
    },
    getTeams: () => teams.get('all') ?? null,
    staleTeams: () => teams.get('all', { allowStale: true }) ?? null,
    putTeams: (list: Team[]) => void teams.set('all', list),
  };
}

export type ClientCache = ReturnType<typeof createClientCache>;

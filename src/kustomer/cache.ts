/**
 * Customers by every identity they were found by, and the team list. Entries expire, but an
 * expired entry is kept so a read can still be answered while Kustomer is failing
 * (stale-if-error); an update replaces the customer under all its keys.
 */
import { LRUCache } from 'lru-cache';
import type { Customer, CustomerIdentityInput, Team } from './types.js';

export interface CacheOptions {
  /** @default 5000 */
  maxCustomers?: number;
  /** @default 300000 (5 minutes) */
  customerTtlMs?: number;
  /** @default 300000 */
  teamTtlMs?: number;
}

export type IdentityKind = 'id' | 'email' | 'externalId' | 'phone';

export function identityKey(kind: IdentityKind, value: string): string {
  return `${kind}:${kind === 'email' ? value.trim().toLowerCase() : value.trim()}`;
}

export function createClientCache(options: CacheOptions = {}) {
  const customers = new LRUCache<string, Customer>({
    max: options.maxCustomers ?? 5000,
    ttl: options.customerTtlMs ?? 300_000,
    allowStale: false,
    noDeleteOnStaleGet: true,
  });
  const teams = new LRUCache<'all', Team[]>({
    max: 1,
    ttl: options.teamTtlMs ?? 300_000,
    noDeleteOnStaleGet: true,
  });

  function keysOf(customer: Customer): string[] {
    return [
      identityKey('id', customer.id),
      ...customer.emails.map((email) => identityKey('email', email)),
      ...customer.phones.map((phone) => identityKey('phone', phone)),
      ...(customer.externalId ? [identityKey('externalId', customer.externalId)] : []),
    ];
  }

  return {
    getCustomer: (kind: IdentityKind, value: string) =>
      customers.get(identityKey(kind, value)) ?? null,
    staleCustomer: (kind: IdentityKind, value: string) =>
      customers.get(identityKey(kind, value), { allowStale: true }) ?? null,
    putCustomer(customer: Customer): void {
      for (const key of keysOf(customer)) customers.set(key, customer);
    },
    /** The customer for the first identity that is cached, fresh only. */
    customerFor(identity: CustomerIdentityInput): Customer | null {
      const pairs: [IdentityKind, string | undefined][] = [
        ['externalId', identity.externalId],
        ['email', identity.email],
        ['phone', identity.phone],
      ];
      for (const [kind, value] of pairs) {
        const hit = value ? customers.get(identityKey(kind, value)) : undefined;
        if (hit) return hit;
      }
      return null;
    },
    invalidateCustomer(customer: Customer): void {
      for (const key of keysOf(customer)) customers.delete(key);
    },
    getTeams: () => teams.get('all') ?? null,
    staleTeams: () => teams.get('all', { allowStale: true }) ?? null,
    putTeams: (list: Team[]) => void teams.set('all', list),
  };
}

export type ClientCache = ReturnType<typeof createClientCache>;

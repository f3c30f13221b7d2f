/**
 * Customers: lookups by id, email, externalId and phone (404 means no match), create, merge
 * update, and findOrCreate. Kustomer keeps emails, phones and externalIds unique per org and
 * rejects a create that would duplicate one (neither status nor wording is documented), so a
 * refused create is answered by looking up again: another escalation may have created the
 * customer first.
 * https://developer.kustomer.com/api/core-resources/create-customer
 */
import type { z } from 'zod';
import type { ClientCache, IdentityKind } from '../cache.js';
import { isKustomerError } from '../errors.js';
import { toE164 } from '../limits.js';
import { rolesFor } from '../permissions.js';
import { customerResource, singleSchema } from '../schemas.js';
import type { Transport } from '../transport.js';
import type {
  CallOptions,
  CreateCustomerInput,
  Customer,
  CustomerIdentityInput,
  FindOrCreateResult,
} from '../types.js';

type CustomerResource = z.infer<typeof customerResource>;
const single = singleSchema(customerResource);

export function toCustomer(resource: CustomerResource): Customer {
  const a = resource.attributes;
  return {
    id: resource.id,
    name: a.name ?? a.displayName,
    emails: a.emails,
    phones: a.phones,
    externalId: a.externalId,
    tags: a.tags,
    custom: a.custom,
    conversationCounts: a.conversationCounts,
    updatedAt: a.updatedAt,
  };
}

export function customerBody(input: Partial<CreateCustomerInput>): Record<string, unknown> {
  return {
    ...(input.name ? { name: input.name } : {}),
    ...(input.email ? { emails: [{ email: input.email, type: 'other' }] } : {}),
    ...(input.phone ? { phones: [{ phone: toE164(input.phone), type: 'mobile' }] } : {}),
    ...(input.externalId ? { externalId: input.externalId } : {}),
    ...(input.tags?.length ? { tags: input.tags } : {}),
    ...(input.custom && Object.keys(input.custom).length ? { custom: input.custom } : {}),
  };
}

/** The identity with its phone in E.164, the form Kustomer stores and looks phones up by. */
function withE164<T extends CustomerIdentityInput>(identity: T): T {
  return identity.phone ? { ...identity, phone: toE164(identity.phone) } : identity;
}

/** The lookup route of each identity, its placeholder named after the identity. */
function lookupTarget(kind: IdentityKind, value: string) {
  switch (kind) {
    case 'id':
      return { route: '/v1/customers/{id}', params: { id: value } } as const;
    case 'email':
      return { route: '/v1/customers/email={email}', params: { email: value } } as const;
    case 'externalId':
      return {
        route: '/v1/customers/externalId={externalId}',
        params: { externalId: value },
      } as const;
    case 'phone':
      return { route: '/v1/customers/phone={phone}', params: { phone: value } } as const;
  }
}

/**
 * A create Kustomer refused with a 4xx that may be a duplicate: Kustomer does not document the
 * status (400 or 409) or the wording of a duplicate email, phone or externalId, so any 4xx but
 * auth, permission and rate limit is answered by looking the identity up again; only when that
 * finds nobody is the refusal the answer.
 */
function mayBeDuplicate(error: unknown): boolean {
  if (!isKustomerError(error) || error.status === undefined) return false;
  return error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status);
}

export function createCustomers(transport: Transport, cache: ClientCache) {
  const read = rolesFor('customer.read');

  async function lookup(
    kind: IdentityKind,
    value: string,
    options: CallOptions = {},
  ): Promise<Customer | null> {
    if (kind === 'phone') value = toE164(value);
    const fresh = cache.getCustomer(kind, value);
    if (fresh) return fresh;
    try {
      const found = await transport.find({
        ...options,
        method: 'GET',
        ...lookupTarget(kind, value),
        schema: single,
        roles: read,
      });
      if (!found) return null;
      const customer = toCustomer(found.data);
      cache.putCustomer(customer);
      return customer;
    } catch (error) {
      // Stale-if-error: a customer seen before is still the right customer while Kustomer fails.
      const stale =
        isKustomerError(error) && error.transient ? cache.staleCustomer(kind, value) : null;
      if (stale) return stale;
      throw error;
    }
  }

  /** All given identities at once (one round trip); externalId wins over email over phone. */
  async function findByIdentity(
    identity: CustomerIdentityInput,
    options: CallOptions,
  ): Promise<Customer | null> {
    const kinds = (['externalId', 'email', 'phone'] as const).filter((kind) => identity[kind]);
    const found = await Promise.all(kinds.map((kind) => lookup(kind, identity[kind]!, options)));
    return found.find((customer) => customer !== null) ?? null;
  }

  async function create(input: CreateCustomerInput, options: CallOptions = {}): Promise<Customer> {
    const created = await transport.call({
      ...options,
      method: 'POST',
      route: '/v1/customers',
      body: customerBody(input),
      schema: single,
      roles: rolesFor('customer.create'),
    });
    const customer = toCustomer(created.data);
    cache.putCustomer(customer);
    return customer;
  }

  return {
    get: (id: string, options?: CallOptions) => lookup('id', id, options),
    getByEmail: (email: string, options?: CallOptions) => lookup('email', email, options),
    getByExternalId: (externalId: string, options?: CallOptions) =>
      lookup('externalId', externalId, options),
    getByPhone: (phone: string, options?: CallOptions) => lookup('phone', phone, options),
    create,
    async update(
      id: string,
      patch: Partial<CreateCustomerInput>,
      options: CallOptions = {},
    ): Promise<Customer> {
      const updated = await transport.call({
        ...options,
        method: 'PUT',
        route: '/v1/customers/{id}',
        params: { id },
        body: customerBody(patch),
        schema: single,
        roles: rolesFor('customer.update'),
      });
      // Replaces the cached customer under every identity, dropping any it no longer has.
      const customer = toCustomer(updated.data);
      cache.putCustomer(customer);
      return customer;
    },
    async findOrCreate(
      given: CreateCustomerInput,
      options: CallOptions = {},
    ): Promise<FindOrCreateResult> {
      const identity = withE164(given);
      const known = cache.customerFor(identity) ?? (await findByIdentity(identity, options));
      if (known) return { customer: known, created: false };
      try {
        return { customer: await create(identity, options), created: true };
      } catch (error) {
        if (!mayBeDuplicate(error)) throw error;
        const winner = await findByIdentity(identity, options);
        if (!winner) throw error;
        return { customer: winner, created: false };
      }
    },
    cached: (identity: CustomerIdentityInput) => cache.customerFor(withE164(identity)),
  };
}

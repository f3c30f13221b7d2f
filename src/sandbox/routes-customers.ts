/** Customers: https://developer.kustomer.com/api/core-resources/create-customer */
import { objectId } from './data.js';
import { customerResource } from './envelope.js';
import { SandboxHttpError } from './http-error.js';
import {
  checkBody,
  iso,
  notFound,
  objectBody,
  type Route,
  type RouteContext,
} from './route-types.js';
import type { SandboxCustomer } from './types.js';

const READ = ['org.permission.customer.read', 'org.user.customer.read'];
const CREATE = ['org.permission.customer.create', 'org.user.customer.write'];
const UPDATE = ['org.permission.customer.update', 'org.user.customer.write'];

type Body = {
  name?: string;
  emails?: { email: string; type?: string }[];
  phones?: { phone: string; type?: string }[];
  externalId?: string;
  externalIds?: { externalId: string }[];
  tags?: string[];
  custom?: Record<string, unknown>;
};

function lookup(field: 'email' | 'externalId' | 'phone') {
  return ({ params, core }: RouteContext) => {
    const value = params[0]!;
    const found = core.store.data.customers.find((c) =>
      field === 'email'
        ? c.emails.some((e) => e.email.toLowerCase() === value.toLowerCase())
        : field === 'phone'
          ? c.phones.some((p) => p.phone === value)
          : c.externalId === value || c.externalIds.some((x) => x.externalId === value),
    );
    return found ? { status: 200, body: { data: customerResource(found) } } : notFound('customer');
  };
}

/**
 * Kustomer rejects a customer whose email, phone or externalId another holds, with a status and
 * wording it does not document; the sandbox answers the docs' generic 400 text (or 409), so the
 * client can rely on neither.
 */
function assertUnique(ctx: RouteContext, candidate: SandboxCustomer, selfId?: string): void {
  if (!ctx.core.store.takenIdentity(candidate, selfId)) return;
  const status = ctx.core.duplicateStatus;
  throw new SandboxHttpError(
    status,
    status === 409 ? 'conflict' : 'bad_request',
    'Invalid request body or parameters.',
  );
}

/** What a customer holds before any body says otherwise: a new one, or one replaced. */
const blank = () => ({
  name: null,
  emails: [],
  phones: [],
  externalId: null,
  externalIds: [],
  tags: [],
  custom: {},
});

function apply(target: SandboxCustomer, body: Body, replace: boolean): SandboxCustomer {
  const base: SandboxCustomer = replace ? { ...target, ...blank() } : { ...target };
  return {
    ...base,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.emails ? { emails: body.emails } : {}),
    ...(body.phones ? { phones: body.phones } : {}),
    ...(body.externalId !== undefined ? { externalId: body.externalId } : {}),
    ...(body.externalIds ? { externalIds: body.externalIds } : {}),
    ...(body.tags ? { tags: body.tags } : {}),
    ...(body.custom ? { custom: { ...base.custom, ...body.custom } } : {}),
  };
}

function update(ctx: RouteContext) {
  checkBody(ctx.core, 'customer.update', ctx.body);
  const existing = ctx.core.store.customer(ctx.params[0]!) ?? notFound('customer');
  const next = apply(existing, objectBody(ctx.body) as Body, ctx.query.get('replace') === 'true');
  assertUnique(ctx, next, existing.id);
  Object.assign(existing, next, { updatedAt: iso(ctx.core) });
  return { status: 200, body: { data: customerResource(existing) } };
}

export const customerRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/customers/email={email}',
    values: { email: 'text' },
    roles: READ,
    handle: lookup('email'),
  },
  {
    method: 'GET',
    path: '/v1/customers/externalId={externalId}',
    values: { externalId: 'text' },
    roles: READ,
    handle: lookup('externalId'),
  },
  {
    method: 'GET',
    path: '/v1/customers/phone={phone}',
    values: { phone: 'text' },
    roles: READ,
    handle: lookup('phone'),
  },
  {
    method: 'GET',
    path: '/v1/customers/{id}',
    roles: READ,
    handle: ({ params, core }) => ({
      status: 200,
      body: { data: customerResource(core.store.customer(params[0]!) ?? notFound('customer')) },
    }),
  },
  {
    method: 'POST',
    path: '/v1/customers',
    roles: CREATE,
    handle(ctx) {
      checkBody(ctx.core, 'customer.create', ctx.body);
      const now = iso(ctx.core);
      const empty: SandboxCustomer = { id: objectId(), ...blank(), createdAt: now, updatedAt: now };
      const customer = apply(empty, objectBody(ctx.body) as Body, false);
      assertUnique(ctx, customer);
      ctx.core.store.data.customers.push(customer);
      return { status: 201, body: { data: customerResource(customer) } };
    },
  },
  {
    method: 'PUT',
    path: '/v1/customers/{id}',
    roles: UPDATE,
    handle: update,
  },
  {
    method: 'PATCH',
    path: '/v1/customers/{id}',
    roles: UPDATE,
    handle: update,
  },
];

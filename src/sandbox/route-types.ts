import type { BulkRuntime } from './bulk-jobs.js';
import type { BodyKind, BodyValidator } from './request-schemas.js';
import type { SandboxAvailability } from './availability-data.js';
import type { SandboxData } from './data.js';
import { SandboxHttpError } from './http-error.js';
import { page } from './envelope.js';
import type { OutboundWebhooks } from './outbound-webhooks.js';
import type { createRateLimits } from './rate-limits.js';

export interface SandboxCore {
  store: SandboxData;
  validator: BodyValidator;
  limits: ReturnType<typeof createRateLimits>;
  now: () => number;
  duplicateStatus: 400 | 409;
  /** The sandbox's own origin, known once it listens: upload forms and file links point at it. */
  origin: string;
  /** The org's outbound webhooks (GET/POST/DELETE /v1/outbound-webhooks). */
  hooks: OutboundWebhooks;
  /** Sends an outbound webhook event as Kustomer would: to each webhook subscribed to it. */
  emit(name: string, data: unknown, changes: unknown): void;
  /** How bulk jobs run: their duration and injected faults. */
  bulk: BulkRuntime;
  /** Open or closed, agents online or not: the inspector's switches (availability-data.ts). */
  availability: SandboxAvailability;
}

export interface RouteContext {
  /** The values of the path's placeholders in order, percent-decoded (a list: each of its items). */
  params: string[];
  query: URLSearchParams;
  body: unknown;
  path: string;
  key: { name: string; roles: string[] };
  core: SandboxCore;
}

export interface Reply {
  status: number;
  body: unknown;
}

/**
 * How a placeholder matches when it is not a Kustomer id (24 hex, the default): any one segment
 * (`text`), or a comma-separated list of them (`list`).
 */
export type ValueShape = 'text' | 'list';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Kustomer's route template, which the request counters name: `/v1/customers/email={email}`. */
  path: string;
  values?: Record<string, ValueShape>;
  /** Any one is enough; null = any valid key. */
  roles: string[] | null;
  handle(ctx: RouteContext): Reply;
}

export function checkBody(core: SandboxCore, kind: BodyKind, body: unknown): void {
  const problem = core.validator(kind, body);
  if (problem)
    throw new SandboxHttpError(
      400,
      'bad_request',
      `${problem.pointer} ${problem.message}`,
      problem.pointer,
    );
}

export function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new SandboxHttpError(400, 'bad_request', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

export const iso = (core: SandboxCore) => new Date(core.now()).toISOString();

export function notFound(what: string): never {
  throw new SandboxHttpError(404, 'not_found', `${what} not found`);
}

/** The per-customer create limit: 429 unless importedAt exempts the item. */
export function perCustomer(
  core: SandboxCore,
  kind: string,
  customerId: string,
  exempt: boolean,
): void {
  if (!exempt && !core.limits.takeCustomerCreate(`${kind}:${customerId}`)) {
    throw new SandboxHttpError(
      429,
      'too_many_requests',
      `more than the allowed ${kind}s per minute for this customer`,
    );
  }
}

/** GET of a conversation's messages or notes: 404 for an unknown conversation, else a page of them. */
export function conversationChildren<T extends { conversationId: string }>(
  ctx: RouteContext,
  items: (data: SandboxData['data']) => T[],
  toResource: (item: T) => unknown,
): Reply {
  const conversation = ctx.core.store.conversation(ctx.params[0]!) ?? notFound('conversation');
  const found = items(ctx.core.store.data).filter((i) => i.conversationId === conversation.id);
  return { status: 200, body: page(found.map(toResource), ctx.path, ctx.query, 100) };
}

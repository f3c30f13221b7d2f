/**
 * Outbound webhooks: the subscriptions that make Kustomer send its events (agent replies,
 * conversation changes) to the app, each signed with the webhook's own `token`.
 * https://developer.kustomer.com/docs/events/outbound-webhooks ,
 * https://developer.kustomer.com/api/apps-platform/list-outbound-webhooks ,
 * https://developer.kustomer.com/api/apps-platform/delete-outbound-webhook
 *
 * Kustomer documents no update of a webhook we could read, so a webhook that is wrong is
 * replaced (deleted and created again), never edited.
 */
import { z } from 'zod';
import {
  listSchema,
  outboundWebhookResource,
  singleSchema,
  subscribableEventsSchema,
} from '../schemas.js';
import type { Transport } from '../transport.js';
import type { CallOptions } from '../types.js';
import { collectPages } from './paging.js';

/** Any one is enough, per Kustomer's pages; the legacy role last. */
export const OUTBOUND_WEBHOOK_ROLES = {
  read: [
    'org.permission.outbound_webhook.read',
    'org.outbound_webhooks',
    'org.admin.outbound_webhooks',
  ],
  create: [
    'org.permission.outbound_webhook.create',
    'org.outbound_webhooks',
    'org.admin.outbound_webhooks',
  ],
  delete: [
    'org.permission.outbound_webhook.delete',
    'org.outbound_webhooks',
    'org.admin.outbound_webhooks',
  ],
} as const;

export interface OutboundWebhook {
  id: string;
  name: string | null;
  url: string | null;
  events: string[];
  /** null when Kustomer's answer does not say. */
  enabled: boolean | null;
  /** The signing key; null when this answer does not carry it (read the webhook by id). */
  token: string | null;
  headers: { name: string; value: string }[];
}

export interface CreateOutboundWebhookInput {
  /** At most 255 characters. */
  name: string;
  /** https only. */
  url: string;
  /** 1 to 12 event names. */
  events: string[];
  headers?: { name: string; value: string }[];
}

type Resource = z.infer<typeof outboundWebhookResource>;
const toWebhook = (r: Resource): OutboundWebhook => ({ id: r.id, ...r.attributes });
const BASE = '/v1/outbound-webhooks';

export function createOutboundWebhooks(transport: Transport) {
  return {
    async list(options: CallOptions = {}): Promise<OutboundWebhook[]> {
      const resources = await collectPages(transport, {
        lane: 'background',
        ...options,
        method: 'GET',
        route: BASE,
        schema: listSchema(outboundWebhookResource),
        roles: [...OUTBOUND_WEBHOOK_ROLES.read],
      });
      return resources.map(toWebhook);
    },
    async get(id: string, options: CallOptions = {}): Promise<OutboundWebhook | null> {
      const body = await transport.find({
        lane: 'background',
        ...options,
        method: 'GET',
        route: `${BASE}/{id}`,
        params: { id },
        schema: singleSchema(outboundWebhookResource),
        roles: [...OUTBOUND_WEBHOOK_ROLES.read],
      });
      return body && toWebhook(body.data);
    },
    /** Not retried on a lost answer (a POST): the caller lists the webhooks before creating again. */
    async create(
      input: CreateOutboundWebhookInput,
      options: CallOptions = {},
    ): Promise<OutboundWebhook> {
      const body = await transport.call({
        lane: 'background',
        ...options,
        method: 'POST',
        route: BASE,
        body: input,
        schema: singleSchema(outboundWebhookResource),
        roles: [...OUTBOUND_WEBHOOK_ROLES.create],
      });
      return toWebhook(body.data);
    },
    /** True when it was deleted, false when Kustomer no longer had it (404). */
    async remove(id: string, options: CallOptions = {}): Promise<boolean> {
      const gone = await transport.find({
        lane: 'background',
        ...options,
        method: 'DELETE',
        route: `${BASE}/{id}`,
        params: { id },
        schema: z.unknown().transform(() => true),
        roles: [...OUTBOUND_WEBHOOK_ROLES.delete],
      });
      return gone === true;
    },
    /** The event names a webhook may subscribe to. */
    async events(options: CallOptions = {}): Promise<string[]> {
      const body = await transport.call({
        lane: 'background',
        ...options,
        method: 'GET',
        route: `${BASE}/events`,
        schema: subscribableEventsSchema,
        roles: [...OUTBOUND_WEBHOOK_ROLES.read],
      });
      return body.events;
    },
  };
}

export type OutboundWebhooksResource = ReturnType<typeof createOutboundWebhooks>;

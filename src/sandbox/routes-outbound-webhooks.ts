/**
 * Outbound webhooks through the API, with the roles of Kustomer's pages: any one of
 * `org.outbound_webhooks`, `org.permission.outbound_webhook.<read|create|delete>` or the legacy
 * `org.admin.outbound_webhooks`.
 * https://developer.kustomer.com/api/apps-platform/list-outbound-webhooks ,
 * https://developer.kustomer.com/api/apps-platform/list-subscribable-events ,
 * https://developer.kustomer.com/api/apps-platform/delete-outbound-webhook
 *
 * Kustomer's pages show no example answer for a webhook; the sandbox answers with the envelope
 * every v1 resource has and the fields the pages list (name, url, events, headers, enabled, the
 * token). The list leaves the token out: the pages say it is read from the webhook itself
 * (GET /v1/outbound-webhooks/{id}), so a client must not count on finding it in the list.
 */
import { page } from './envelope.js';
import type { SandboxOutboundWebhook } from './outbound-webhooks.js';
import { parseCreateBody, SUBSCRIBABLE_EVENTS } from './outbound-webhooks.js';
import { notFound, objectBody, type Route } from './route-types.js';

const rolesFor = (action: 'read' | 'create' | 'delete') => [
  'org.outbound_webhooks',
  `org.permission.outbound_webhook.${action}`,
  'org.admin.outbound_webhooks',
];

function resource(hook: SandboxOutboundWebhook, withToken: boolean) {
  const { id, token, ...attributes } = hook;
  return {
    type: 'outbound_webhook',
    id,
    attributes: withToken ? { ...attributes, token } : attributes,
    links: { self: `/v1/outbound-webhooks/${id}` },
  };
}

export const outboundWebhookRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/outbound-webhooks/events',
    roles: rolesFor('read'),
    // The shape of the event catalog's example: https://developer.kustomer.com/docs/events/event-catalog
    handle: () => ({ status: 200, body: { events: SUBSCRIBABLE_EVENTS } }),
  },
  {
    method: 'GET',
    path: '/v1/outbound-webhooks',
    roles: rolesFor('read'),
    handle: (ctx) => ({
      status: 200,
      body: page(
        ctx.core.hooks.list().map((hook) => resource(hook, false)),
        ctx.path,
        ctx.query,
        100,
      ),
    }),
  },
  {
    method: 'GET',
    path: '/v1/outbound-webhooks/{id}',
    roles: rolesFor('read'),
    handle: (ctx) => {
      const hook = ctx.core.hooks.get(ctx.params[0]!) ?? notFound('outbound webhook');
      return { status: 200, body: { data: resource(hook, true) } };
    },
  },
  {
    method: 'POST',
    path: '/v1/outbound-webhooks',
    roles: rolesFor('create'),
    handle: (ctx) => {
      const hook = ctx.core.hooks.add(parseCreateBody(objectBody(ctx.body)));
      return { status: 201, body: { data: resource(hook, true) } };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/outbound-webhooks/{id}',
    roles: rolesFor('delete'),
    handle: (ctx) => {
      if (!ctx.core.hooks.remove(ctx.params[0]!)) notFound('outbound webhook');
      return { status: 204, body: null };
    },
  },
];

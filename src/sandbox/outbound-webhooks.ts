/**
 * The org's outbound webhooks, as Kustomer keeps them: a name, an https URL, up to 12 of the
 * subscribable events, extra headers, whether it is enabled, and the token that signs every
 * delivery. At most 5 per org. Every event the sandbox emits goes to each enabled webhook
 * subscribed to it, signed with that webhook's own token, as Kustomer sends them.
 * https://developer.kustomer.com/docs/events/outbound-webhooks ,
 * https://developer.kustomer.com/docs/events/event-catalog ,
 * https://help.kustomer.com/en_us/outbound-webhooks-rkUQvela8 (the limit of 5)
 */
import { randomBytes } from 'node:crypto';
import { objectId } from './data.js';
import { SandboxHttpError } from './http-error.js';
import { deliverEvent } from './webhooks.js';

/** Create and update of six resources: what GET /v1/outbound-webhooks/events lists. */
export const SUBSCRIBABLE_EVENTS = [
  'customer',
  'conversation',
  'message',
  'user',
  'team',
  'tag',
].flatMap((resource) => [`kustomer.${resource}.create`, `kustomer.${resource}.update`]);

export const MAX_WEBHOOKS = 5;
const MAX_EVENTS = 12;

export interface SandboxOutboundWebhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  headers: { name: string; value: string }[];
  enabled: boolean;
  /** The HMAC key of X-Kustomer-Webhook-Signature. */
  token: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  events: string[];
  headers?: { name: string; value: string }[];
}

const invalid = (pointer: string, message: string): never => {
  throw new SandboxHttpError(400, 'bad_request', `${pointer} ${message}`, pointer);
};

/**
 * Kustomer takes https only. The sandbox also takes http to this machine (localhost, 127.0.0.1,
 * ::1): the app it runs beside has no certificate, and nothing leaves the machine.
 */
function checkUrl(value: unknown): string {
  if (typeof value !== 'string') return invalid('/url', 'is required');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid('/url', 'must be a URL');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return invalid('/url', 'must use https://');
  return value;
}

/** The create body, checked as Kustomer documents it; unknown fields are refused. */
export function parseCreateBody(body: Record<string, unknown>): CreateWebhookInput {
  for (const key of Object.keys(body))
    if (!['name', 'url', 'events', 'headers'].includes(key))
      invalid(`/${key}`, 'is not an allowed property');
  const { name, events, headers } = body;
  if (typeof name !== 'string' || name.length < 1 || name.length > 255)
    invalid('/name', 'must be a string of 1 to 255 characters');
  const url = checkUrl(body.url);
  if (!Array.isArray(events) || events.length < 1 || events.length > MAX_EVENTS)
    return invalid('/events', `must list 1 to ${MAX_EVENTS} events`);
  events.forEach((event, i) => {
    if (typeof event !== 'string' || !SUBSCRIBABLE_EVENTS.includes(event))
      invalid(`/events/${i}`, 'is not a subscribable event (GET /v1/outbound-webhooks/events)');
  });
  if (headers !== undefined && !Array.isArray(headers)) invalid('/headers', 'must be a list');
  ((headers ?? []) as unknown[]).forEach((header, i) => {
    const h = header as { name?: unknown; value?: unknown } | null;
    if (typeof h?.name !== 'string' || typeof h.value !== 'string')
      invalid(`/headers/${i}`, 'needs a name and a value');
  });
  return {
    name: name as string,
    url,
    events: [...new Set(events as string[])],
    ...(headers ? { headers: headers as CreateWebhookInput['headers'] } : {}),
  };
}

export function createOutboundWebhooks(now: () => number, log: (message: string) => void) {
  const hooks: SandboxOutboundWebhook[] = [];
  const iso = () => new Date(now()).toISOString();

  function add(input: CreateWebhookInput, token = randomBytes(24).toString('hex')) {
    if (hooks.length >= MAX_WEBHOOKS)
      throw new SandboxHttpError(
        400,
        'bad_request',
        `an org can have at most ${MAX_WEBHOOKS} outbound webhooks`,
      );
    const at = iso();
    const hook: SandboxOutboundWebhook = {
      id: objectId(),
      name: input.name,
      url: input.url,
      events: input.events,
      headers: input.headers ?? [],
      enabled: true,
      token,
      createdAt: at,
      updatedAt: at,
    };
    hooks.push(hook);
    return hook;
  }

  return {
    list: () => hooks,
    get: (id: string) => hooks.find((hook) => hook.id === id) ?? null,
    add,
    remove(id: string): boolean {
      const at = hooks.findIndex((hook) => hook.id === id);
      if (at >= 0) hooks.splice(at, 1);
      return at >= 0;
    },
    /** What an admin changes in Settings, or Kustomer when it disables a failing endpoint. */
    edit(id: string, patch: Partial<Pick<SandboxOutboundWebhook, 'enabled' | 'events' | 'url'>>) {
      const hook = hooks.find((h) => h.id === id);
      if (!hook) return null;
      Object.assign(hook, patch, { updatedAt: iso() });
      return hook;
    },
    /** Sends the event to every enabled webhook subscribed to it; resolves once all answered. */
    async deliver(name: string, data: unknown, changes: unknown): Promise<void> {
      const targets = hooks.filter((hook) => hook.enabled && hook.events.includes(name));
      await Promise.all(
        targets.map((hook) =>
          deliverEvent(
            { url: hook.url, secret: hook.token, headers: hook.headers },
            name,
            data,
            changes,
            log,
          ),
        ),
      );
    },
  };
}

export type OutboundWebhooks = ReturnType<typeof createOutboundWebhooks>;

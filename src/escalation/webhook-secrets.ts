/**
 * What the server keeps about the outbound webhook, in the store's server-only values (shared by
 * every instance, never sent to a browser): the provisioned webhook with its signing token, and
 * the last delivery received. A delivery is genuine when its X-Kustomer-Webhook-Signature is the
 * hex HMAC-SHA256 of the raw body keyed with KUSTOMER_WEBHOOK_SECRET or with that token.
 * https://developer.kustomer.com/docs/events/outbound-webhooks
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { webhookDeliverySchema, type WebhookDelivery } from '../shared/webhook-state.js';
import type { ServerValuesPort, StorePorts } from './store.js';

const WEBHOOK_KEY = 'kustomer-webhook';
const DELIVERY_KEY = 'kustomer-webhook-delivery';

type ServerValues = StorePorts<'serverValues'>;
type Readable = { serverValues: Pick<ServerValuesPort, 'get'> };

const provisionedSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** null when Kustomer's answers did not carry it. */
  token: z.string().nullable(),
  provisionedAt: z.string(),
});
export type ProvisionedWebhook = z.infer<typeof provisionedSchema>;

export async function readProvisioned(store: Readable): Promise<ProvisionedWebhook | null> {
  const parsed = provisionedSchema.safeParse(await store.serverValues.get(WEBHOOK_KEY));
  return parsed.success ? parsed.data : null;
}

export async function saveProvisioned(
  store: ServerValues,
  webhook: ProvisionedWebhook,
): Promise<void> {
  await store.serverValues.put(WEBHOOK_KEY, webhook);
}

export async function readLastDelivery(store: Readable): Promise<WebhookDelivery | null> {
  const parsed = webhookDeliverySchema.safeParse(await store.serverValues.get(DELIVERY_KEY));
  return parsed.success ? parsed.data : null;
}

export async function recordDelivery(store: ServerValues, delivery: WebhookDelivery) {
  await store.serverValues.put(DELIVERY_KEY, delivery);
}

const sign = (raw: string, key: string) => createHmac('sha256', key).update(raw).digest('hex');

/**
 * Whether `signature` signs `raw` with one of the secrets, compared in constant time. The
 * environment's secret is tried first, so a deployment that sets it reads nothing from the store.
 */
export async function signatureMatches(
  raw: string,
  signature: string,
  envSecret: string | null,
  store: Readable,
  safeEqual: (a: string, b: string) => boolean,
): Promise<boolean> {
  const given = signature.trim().toLowerCase();
  if (!given) return false;
  if (envSecret && safeEqual(given, sign(raw, envSecret))) return true;
  const token = (await readProvisioned(store))?.token;
  return Boolean(token && safeEqual(given, sign(raw, token)));
}

/**
 * Outbound webhooks as Kustomer sends them (https://developer.kustomer.com/docs/events/outbound-webhooks):
 * POST with X-Kustomer-Webhook-Event and X-Kustomer-Webhook-Signature, the lowercase hex
 * HMAC-SHA256 of the raw body keyed with the webhook's token.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookTarget {
  url: string;
  secret: string;
  /** The webhook's extra headers, sent with every delivery. */
  headers?: { name: string; value: string }[];
}

export function signBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export async function deliverEvent(
  target: WebhookTarget | null,
  name: string,
  data: unknown,
  changes: unknown,
  log: (message: string) => void,
): Promise<void> {
  if (!target) return;
  const body = JSON.stringify({
    id: randomUUID(),
    name,
    org: '5a0000000000000000000001',
    partition: '5a0000000000000000000001',
    data,
    changes,
  });
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        ...Object.fromEntries((target.headers ?? []).map((h) => [h.name.toLowerCase(), h.value])),
        'content-type': 'application/json',
        'x-kustomer-webhook-event': name,
        'x-kustomer-webhook-signature': signBody(body, target.secret),
      },
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) log(`webhook ${name} answered ${response.status}`);
  } catch (error) {
    log(`webhook ${name} could not be delivered: ${(error as Error).message}`);
  }
}

/**
 * Where Kustomer is to deliver: APP_URL/api/webhooks/kustomer. Kustomer takes https URLs only
 * (https://developer.kustomer.com/docs/events/outbound-webhooks); the embedded sandbox also takes
 * http to this machine, and delivers to the app's own address once the app listens.
 */
import { WEBHOOK_PATH } from '../shared/webhook-state.js';

export type WebhookTarget = { url: string; problem: null } | { url: null; problem: string };

export interface WebhookTargetInput {
  appUrl: string | null;
  /** Running against the embedded sandbox. */
  sandbox: boolean;
  /** The address the app listens on, once known (npm run dev, npm start). */
  localOrigin: string | null;
  /** Where the host mounted the API (createEscalationServer's prefix). @default '/api' */
  apiBase?: string;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export function webhookTarget(input: WebhookTargetInput): WebhookTarget {
  // The sandbox runs beside this process: it delivers to the app's own address when known.
  const base = input.sandbox ? (input.localOrigin ?? input.appUrl) : input.appUrl;
  if (!base)
    return {
      url: null,
      problem:
        'APP_URL is not set: set it to the public https address of this app so Kustomer can reach /api/webhooks/kustomer',
    };
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { url: null, problem: `APP_URL is not a URL: ${base}` };
  }
  const localHttp = url.protocol === 'http:' && LOOPBACK.includes(url.hostname);
  if (url.protocol !== 'https:' && !(input.sandbox && localHttp))
    return {
      url: null,
      problem: `APP_URL must start with https:// (Kustomer delivers webhooks to https addresses only); it is ${url.origin}`,
    };
  const path =
    input.apiBase === undefined
      ? WEBHOOK_PATH
      : `${input.apiBase.replace(/\/+$/, '')}${WEBHOOK_PATH.slice('/api'.length)}`;
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`, problem: null };
}

/** Two webhook URLs name the same endpoint (a trailing slash aside). */
export function sameEndpoint(a: string | null, b: string): boolean {
  return a !== null && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The webhook's state in plain words, for the Webhooks section (kept apart to test it alone). */
import type { WebhookState } from '../../../shared/webhook-state.js';

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

export function webhookSummary(state: WebhookState): { tone: Tone; text: string } {
  if (state.targetProblem) return { tone: 'error', text: state.targetProblem };
  if (state.error)
    return { tone: 'warn', text: `Kustomer could not be asked: ${state.error.message}` };
  const hook = state.webhook;
  if (!hook) return { tone: 'warn', text: 'No webhook in Kustomer sends events here yet.' };
  if (!hook.enabled)
    return {
      tone: 'error',
      text: 'Disabled in Kustomer (it turns a webhook off when its endpoint keeps failing).',
    };
  if (hook.missingEvents.length)
    return { tone: 'error', text: `Missing ${hook.missingEvents.join(' and ')}.` };
  if (state.secret === 'none')
    return { tone: 'error', text: 'Active, but the app holds no secret to verify its deliveries.' };
  return { tone: 'ok', text: 'Active: enabled, with both events.' };
}

export function actionLabel(state: WebhookState): string {
  if (!state.webhook) return 'Create webhook';
  return state.healthy && state.secret !== 'none' ? 'Check again' : 'Repair webhook';
}

export const SECRET_WORDS: Record<WebhookState['secret'], string> = {
  provisioned: "the webhook's token, kept on the server",
  env: 'KUSTOMER_WEBHOOK_SECRET',
  both: "the webhook's token (kept on the server) and KUSTOMER_WEBHOOK_SECRET",
  none: 'none: deliveries are refused',
};

export function deliveryWords(delivery: WebhookState['lastDelivery']): string {
  if (!delivery) return 'None received yet';
  const when = new Date(delivery.at).toLocaleString();
  return `${when}, ${delivery.event ?? 'unnamed event'}, ${delivery.verified ? 'verified' : 'signature did not match'}`;
}

export const OUTCOME_WORDS = {
  created: 'Webhook created in Kustomer.',
  replaced: 'Webhook repaired: the old one was replaced with an enabled one with both events.',
  verified: 'Webhook checked: it is right, nothing changed.',
} as const;

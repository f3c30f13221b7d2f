/**
 * The outbound webhook that brings agent replies and closes to the chat: it exists in Kustomer,
 * points at APP_URL/api/webhooks/kustomer, has both events, is enabled, the app holds a secret
 * for it, and deliveries arrive. Skipped, never passed, when that cannot be known.
 */
import { fail, pass, skip, warn, type Check } from '../types.js';

const ID = 'webhook.provisioned';
const TITLE = 'Outbound webhook provisioned';
const OLD_MS = 7 * 86_400_000;
const PROVISION =
  'npm run kustomer -- webhooks provision, or Create webhook in Settings › Integrations › Diagnostics';

export const webhookCheck: Check = ({ server, webhook, now }) => {
  if (!server.ok || !webhook) return skip(ID, TITLE, 'configuration does not load');
  if (server.value.kustomer.mode === 'sandbox')
    return warn(
      ID,
      TITLE,
      'sandbox mode: the app provisions the sandbox webhook when it starts',
      'with KUSTOMER_API_KEY and an https APP_URL: npm run kustomer -- webhooks provision',
    );
  if (!webhook.ok) return skip(ID, TITLE, `cannot tell: ${webhook.message}`);
  const state = webhook.value;
  if (!server.value.appUrl)
    return skip(ID, TITLE, 'cannot tell without APP_URL (the webhook target)');
  if (state.targetProblem)
    return fail(
      ID,
      TITLE,
      state.targetProblem,
      'set APP_URL to the public https address of the app',
    );
  if (state.error)
    return skip(
      ID,
      TITLE,
      `cannot tell: Kustomer did not list the webhooks (${state.error.message})`,
    );
  const hook = state.webhook;
  if (!hook)
    return fail(ID, TITLE, `no webhook in Kustomer points at ${state.targetUrl}`, PROVISION);
  if (!hook.enabled || hook.missingEvents.length)
    return fail(
      ID,
      TITLE,
      hook.enabled
        ? `missing ${hook.missingEvents.join(', ')}`
        : 'disabled in Kustomer (endpoint kept failing?)',
      `${PROVISION} (Repair)`,
    );
  if (state.secret === 'none')
    return fail(
      ID,
      TITLE,
      'the app holds no secret to verify its deliveries',
      `${PROVISION}, or set KUSTOMER_WEBHOOK_SECRET to its token`,
    );
  const last = state.lastDelivery;
  const where = `${hook.id} at ${state.targetUrl}, enabled, both events`;
  if (!last)
    return warn(
      ID,
      TITLE,
      `${where}; no delivery received yet`,
      'reply to a test escalation in Kustomer and check again',
    );
  if (!last.verified)
    return warn(
      ID,
      TITLE,
      `${where}; the last delivery (${last.at}) did not verify`,
      `${PROVISION}, to read its current token`,
    );
  if (now - Date.parse(last.at) > OLD_MS)
    return warn(
      ID,
      TITLE,
      `${where}; last delivery ${last.at}, over 7 days ago`,
      'check Kustomer delivers: reply to a test escalation',
    );
  return pass(ID, TITLE, `${where}; last delivery ${last.at} (${last.event ?? 'event'}), verified`);
};

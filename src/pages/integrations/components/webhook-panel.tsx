/**
 * Diagnostics › Webhooks: the Kustomer outbound webhook that brings agent replies and closes to
 * the chat, its last delivery, and "Create webhook" / "Repair webhook". Its token never reaches
 * the browser.
 */
import { useProvisionWebhook, useWebhook } from '../api/webhook.js';
import {
  actionLabel,
  deliveryWords,
  OUTCOME_WORDS,
  SECRET_WORDS,
  webhookSummary,
} from './webhook-words.js';

const NO_ROLES =
  'The API key cannot manage webhooks. Create a key with org.permission.outbound_webhook.read, .create and .delete, or create the webhook by hand in Kustomer (Settings › Platform › Outbound webhooks) and set KUSTOMER_WEBHOOK_SECRET to its token.';

export function WebhookPanel() {
  const webhook = useWebhook();
  const provision = useProvisionWebhook();
  const state = webhook.data;
  const summary = state && webhookSummary(state);
  const blocked = !state || state.targetUrl === null || state.canProvision === false;
  return (
    <section aria-labelledby="webhook-heading">
      <h3 id="webhook-heading">Webhooks</h3>
      <p className="muted">
        Kustomer sends agent replies (<code>kustomer.message.create</code>) and closes (
        <code>kustomer.conversation.update</code>) to this app through an outbound webhook.
      </p>
      {webhook.isPending && <p role="status">Checking the webhook in Kustomer…</p>}
      {webhook.error && !state && (
        <p className="error" role="alert">
          Could not load the webhook: {webhook.error.message}
        </p>
      )}
      {state && summary && (
        <>
          <p className={summary.tone} role="status">
            {summary.text}
          </p>
          <dl className="readonly webhook-facts" aria-label="Webhook">
            <div>
              <dt>Delivers to</dt>
              <dd>{state.targetUrl ?? 'APP_URL needed'}</dd>
            </div>
            <div>
              <dt>Events</dt>
              <dd>{state.webhook ? state.webhook.events.join(', ') : '–'}</dd>
            </div>
            <div>
              <dt>Verified with</dt>
              <dd>{SECRET_WORDS[state.secret]}</dd>
            </div>
            <div>
              <dt>Last delivery</dt>
              <dd>{deliveryWords(state.lastDelivery)}</dd>
            </div>
          </dl>
          {state.canProvision === false && <p className="warn">{NO_ROLES}</p>}
          <button
            type="button"
            onClick={() => provision.mutate()}
            disabled={blocked || provision.isPending}
          >
            {provision.isPending ? 'Working…' : actionLabel(state)}
          </button>
        </>
      )}
      <div aria-live="polite">
        {provision.data && <p className="ok">{OUTCOME_WORDS[provision.data.outcome]}</p>}
        {provision.error && (
          <p className="error" role="alert">
            {provision.error.message}
          </p>
        )}
      </div>
    </section>
  );
}

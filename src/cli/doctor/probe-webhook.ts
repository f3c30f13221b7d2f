/**
 * The doctor's look at the outbound webhook: the state the Integrations page shows (Kustomer's
 * webhook at APP_URL/api/webhooks/kustomer, the secret, the last delivery). Asked of the running
 * server when it holds the file store; otherwise computed here with the same code, reading the
 * store without creating it. Never throws: what cannot be read is said, and the check skips.
 */
import { existsSync } from 'node:fs';
import type { EscalationStore } from '../../escalation/store.js';
import { createStore } from '../../escalation/stores/index.js';
import { webhookState } from '../../escalation/webhook-state.js';
import { webhookTarget } from '../../escalation/webhook-target.js';
import { createKustomerClientFromConfig } from '../../kustomer/client.js';
import type { ServerEnv } from '../../server/env.js';
import { webhookStateSchema, type WebhookState } from '../../shared/webhook-state.js';
import type { Environment } from '../environment.js';
import { askRunningServer } from './probe-server.js';
import type { Outcome, StoreFacts } from './types.js';

const TIMEOUT_MS = 4000;

async function readWebhook(base: string, adminToken: string | null): Promise<WebhookState> {
  const response = await fetch(`${base}/api/integrations/kustomer/webhook`, {
    headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${base} answered ${response.status}`);
  return webhookStateSchema.parse(await response.json());
}

async function direct(env: ServerEnv, store: StoreFacts): Promise<WebhookState> {
  const missingFolder = env.store === 'file' && !existsSync(env.storeDir);
  const opened: EscalationStore | null =
    missingFolder || !store.reachable.ok
      ? null
      : await createStore({
          kind: env.store,
          dir: env.storeDir,
          ...(env.redisUrl ? { redisUrl: env.redisUrl } : {}),
        });
  try {
    return await webhookState({
      client: createKustomerClientFromConfig(env.kustomer, { maxRetries: 0 }),
      store: opened ?? { serverValues: { get: async () => null } },
      target: webhookTarget({ appUrl: env.appUrl, sandbox: false, localOrigin: null }),
      envSecret: env.webhookSecret,
    });
  } finally {
    await opened?.close();
  }
}

export async function probeWebhook(
  env: ServerEnv,
  environment: Environment,
  store: StoreFacts | null,
): Promise<Outcome<WebhookState>> {
  if (env.kustomer.mode === 'sandbox') return { ok: false, message: 'sandbox mode' };
  if (store?.lockedBy || !store) return askRunningServer(env, environment, readWebhook);
  try {
    return { ok: true, value: await direct(env, store) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

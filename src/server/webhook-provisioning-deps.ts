/** The provisioning of the outbound webhook wired to the process's services. */
import {
  provisionWebhook,
  type ProvisioningDeps,
  type ProvisionRefusal,
} from '../escalation/webhook-provisioning.js';
import { webhookState } from '../escalation/webhook-state.js';
import type { ProvisionResult, WebhookState } from '../shared/webhook-state.js';
import type { Services } from './services.js';

export function provisioningDeps(services: Services): ProvisioningDeps {
  return {
    client: services.client,
    store: services.store,
    target: services.webhookTarget(),
    envSecret: services.webhookSecret,
    clock: services.clock,
  };
}

export const currentWebhookState = (services: Services): Promise<WebhookState> =>
  webhookState(provisioningDeps(services));

export const provision = (services: Services): Promise<ProvisionResult | ProvisionRefusal> =>
  provisionWebhook(provisioningDeps(services));

/** The embedded sandbox's webhook, provisioned as an admin would; a failure is logged, not thrown. */
export async function autoProvision(services: Services): Promise<void> {
  try {
    const result = await provision(services);
    if ('refused' in result)
      services.logger.warn('the sandbox webhook was not provisioned', {
        reason: result.refused.message,
      });
    else
      services.logger.info('sandbox webhook provisioned', {
        outcome: result.outcome,
        url: result.state.targetUrl,
      });
  } catch (error) {
    services.logger.warn('the sandbox webhook was not provisioned', {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

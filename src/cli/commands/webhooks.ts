/**
 * `webhooks status | provision`: the Kustomer outbound webhook that brings agent replies and
 * closes to the app, checked or created through the same code as the Integrations page
 * (GET/POST /api/integrations/kustomer/webhook), with the server's environment and store: the
 * signing token lands where the server reads it, and is never printed.
 */
import type { Services } from '../../server/services.js';
import { currentWebhookState, provision } from '../../server/webhook-provisioning-deps.js';
import type { WebhookState } from '../../shared/webhook-state.js';
import type { ParsedArgs } from '../args.js';
import { openServices, using, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';

/** The state in a few plain lines. */
export function webhookLines(state: WebhookState): string[] {
  if (state.targetProblem) return [`Webhook: cannot be provisioned: ${state.targetProblem}`];
  const lines = [`Webhook target: ${state.targetUrl}`];
  const hook = state.webhook;
  if (state.error) lines.push(`Kustomer could not be asked: ${state.error.message}`);
  else if (!hook) lines.push('No webhook in Kustomer points there yet.');
  else
    lines.push(
      `Webhook ${hook.id}: ${hook.enabled ? 'enabled' : 'DISABLED'}, events ${hook.events.join(', ')}` +
        (hook.missingEvents.length ? ` (missing ${hook.missingEvents.join(', ')})` : ''),
    );
  const delivery = state.lastDelivery;
  lines.push(
    delivery
      ? `Last delivery: ${delivery.at} ${delivery.event ?? '(no event name)'} ${delivery.verified ? 'verified' : 'NOT verified (signature did not match)'}`
      : 'Last delivery: none received yet',
  );
  return lines;
}

async function status(ctx: CommandContext, services: Services, json: boolean) {
  const state = await currentWebhookState(services);
  ctx.io.out(json ? JSON.stringify(state, null, 2) : webhookLines(state).join('\n'));
  return state.healthy ? EXIT.ok : EXIT.failed;
}

async function provisionAction(ctx: CommandContext, services: Services, json: boolean) {
  const result = await provision(services);
  if ('refused' in result) {
    if (json) ctx.io.out(JSON.stringify({ error: result.refused }, null, 2));
    ctx.io.err(`failed: ${result.refused.message}`);
    return result.refused.code === 'invalid_app_url' ? EXIT.usage : EXIT.failed;
  }
  if (json) ctx.io.out(JSON.stringify(result, null, 2));
  else ctx.io.out([`Webhook ${result.outcome}.`, ...webhookLines(result.state)].join('\n'));
  return result.state.healthy ? EXIT.ok : EXIT.failed;
}

export async function webhooksCommand(ctx: CommandContext, args: ParsedArgs): Promise<ExitCode> {
  const name = args.positionals[1];
  if (name !== 'status' && name !== 'provision')
    throw new UsageError(
      `webhooks needs one of: status, provision${name ? ` (got "${name}")` : ''}`,
    );
  const json = Boolean(args.values.json);
  return using(
    () => openServices(ctx),
    (services) =>
      name === 'status' ? status(ctx, services, json) : provisionAction(ctx, services, json),
  );
}

/**
 * `outbox list | drain | retry <id> | purge-dead`: the durable outbox of escalations that did not
 * reach Kustomer yet, in the store the server uses (same STORE / STORE_DIR / REDIS_URL).
 */
import type { OutboxItem } from '../../shared/integration.js';
import type { Services } from '../../server/services.js';
import { stringFlag, wholeNumber, type ParsedArgs } from '../args.js';
import { openServices, using, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';
import { renderTable } from '../table.js';

type Action = (ctx: CommandContext, services: Services, args: ParsedArgs) => Promise<ExitCode>;

function itemRow(item: OutboxItem): string[] {
  return [
    item.escalationId,
    item.state,
    String(item.attempts),
    item.nextAttemptAt ?? '-',
    item.customer,
    item.lastError ? `${item.lastError.code}: ${item.lastError.message}` : '-',
  ];
}

const list: Action = async (ctx, services, args) => {
  const limit = wholeNumber(stringFlag(args, 'limit'), '--limit') ?? 50;
  const [summary, items] = await Promise.all([
    services.escalations.outboxSummary(),
    services.escalations.outbox({ limit }),
  ]);
  if (args.values.json) {
    ctx.io.out(JSON.stringify({ summary, items }, null, 2));
    return EXIT.ok;
  }
  ctx.io.out(
    `Outbox: ${summary.queued} queued, ${summary.retrying} retrying, ${summary.dead} dead` +
      (summary.oldestQueuedAt ? `; oldest waiting since ${summary.oldestQueuedAt}` : ''),
  );
  if (items.length)
    ctx.io.out(
      renderTable(
        ['escalation', 'state', 'attempts', 'next attempt', 'customer', 'last error'],
        items.map(itemRow),
      ),
    );
  return EXIT.ok;
};

const drain: Action = async (ctx, services) => {
  const report = await services.escalations.drain();
  ctx.io.out(JSON.stringify(report, null, 2));
  if (report.requeued || report.dead)
    ctx.io.err(
      `failed: ${report.requeued} requeued and ${report.dead} dead of ${report.attempted}`,
    );
  return report.requeued || report.dead ? EXIT.failed : EXIT.ok;
};

const retry: Action = async (ctx, services, args) => {
  const id = args.positionals[2]!;
  const result = await services.escalations.retryNow(id);
  if (!result) {
    ctx.io.err(`not found: no escalation ${id} in the store`);
    return EXIT.failed;
  }
  ctx.io.out(JSON.stringify(result, null, 2));
  if (result.status !== 'escalated')
    ctx.io.err(`failed: still ${result.status} (${result.reason})`);
  return result.status === 'escalated' ? EXIT.ok : EXIT.failed;
};

const purgeDead: Action = async (ctx, services, args) => {
  const removed = await services.escalations.purgeDead();
  if (args.values.json) ctx.io.out(JSON.stringify({ removed }));
  else ctx.io.out(`Removed ${removed} dead escalation${removed === 1 ? '' : 's'}.`);
  return EXIT.ok;
};

const ACTIONS: Record<string, Action> = { list, drain, retry, 'purge-dead': purgeDead };

export async function outboxCommand(ctx: CommandContext, args: ParsedArgs): Promise<ExitCode> {
  const name = args.positionals[1];
  const action = name ? ACTIONS[name] : undefined;
  if (!action)
    throw new UsageError(
      `outbox needs one of: ${Object.keys(ACTIONS).join(', ')}${name ? ` (got "${name}")` : ''}`,
    );
  if (name === 'retry' && !args.positionals[2])
    throw new UsageError('outbox retry needs an escalation id: outbox retry <id>');
  return using(
    () => openServices(ctx),
    (services) => action(ctx, services, args),
  );
}

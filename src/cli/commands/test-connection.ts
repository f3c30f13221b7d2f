/**
 * `test-connection`: the connection check the Integrations page and doctor run (who the key is,
 * its permission report, the SLA policies; a key of another region diagnosed). Exit 0 only when
 * the key connects and holds every capability.
 */
import { checkConnection } from '../../kustomer/connection-check.js';
import type { ConnectionError, PermissionReport, SlaCheck } from '../../shared/integration.js';
import type { ParsedArgs } from '../args.js';
import { openKustomer, using, type CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../io.js';
import { renderTable } from '../table.js';

export interface ConnectionReport {
  mode: 'live' | 'sandbox';
  baseUrl: string;
  /** Connected, and the key holds every capability. */
  ok: boolean;
  latencyMs: number | null;
  error: ConnectionError | null;
  permissions: PermissionReport | null;
  /** Whether an SLA policy would count the bot transcript as a first response; null when not connected. */
  sla: SlaCheck | null;
}

/** The one connection check (kustomer/connection-check.ts) against the configured host. */
async function connectionReport(ctx: CommandContext): Promise<ConnectionReport> {
  return using(
    () => openKustomer(ctx, { maxRetries: 1 }),
    async ({ client, config, baseUrl }) => {
      const { ok, latencyMs, error, permissions, sla } = await checkConnection(client);
      const allHeld = ok && permissions !== null && permissions.ok;
      return { mode: config.mode, baseUrl, ok: allHeld, latencyMs, error, permissions, sla };
    },
  );
}

function permissionTable(report: PermissionReport): string {
  return renderTable(
    ['capability', 'held', 'role'],
    report.capabilities.map((c) => [c.label, c.held ? 'yes' : 'NO', c.via ?? c.newRole]),
  );
}

function printReport(ctx: CommandContext, report: ConnectionReport): void {
  const { io } = ctx;
  const where =
    report.mode === 'sandbox'
      ? `the embedded sandbox at ${report.baseUrl} (sandbox mode: no KUSTOMER_API_KEY)`
      : report.baseUrl;
  if (report.error) {
    io.err(`failed: cannot connect to ${where}: ${report.error.message}`);
    if (report.error.fix) io.err(`fix: ${report.error.fix}`);
    return;
  }
  const permissions = report.permissions!;
  io.out(`Connected to ${where} in ${report.latencyMs} ms`);
  if (permissions.tokenName) io.out(`Key: ${permissions.tokenName}`);
  io.out('');
  io.out(permissionTable(permissions));
  io.out('');
  for (const capability of permissions.capabilities.filter((c) => !c.held)) {
    io.err(`missing: ${capability.label} (${capability.newRole}): ${capability.breaks}`);
  }
  if (!permissions.ok) io.err(`fix: ${permissions.capabilities.find((c) => !c.held)!.fix}`);
  else io.out(`All ${permissions.capabilities.length} permissions held.`);
  const sla = report.sla;
  if (sla && sla.status !== 'ok')
    io.err(`${sla.status === 'warn' ? 'warning' : 'skipped'}: ${sla.message}`);
  if (permissions.broadRoles.length) {
    io.err(
      `warning: the key has broad roles (${permissions.broadRoles.join(', ')}); least privilege: ` +
        'create a key with only the roles above',
    );
  }
}

export async function testConnectionCommand(
  ctx: CommandContext,
  args: ParsedArgs,
): Promise<ExitCode> {
  const report = await connectionReport(ctx);
  if (args.values.json) ctx.io.out(JSON.stringify(report, null, 2));
  else printReport(ctx, report);
  return report.ok ? EXIT.ok : EXIT.failed;
}

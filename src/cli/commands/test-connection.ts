/**
 * `test-connection`: GET /v1/auth/tokens/current (works for any valid key whatever its roles),
 * then the permission report. Exit 0 only when the key connects and holds every capability.
 */
import { isKustomerError } from '../../kustomer/errors.js';
import { checkSlaSafety } from '../../kustomer/sla-safety.js';
import type { PermissionReport, SlaCheck } from '../../shared/integration.js';
import type { ParsedArgs } from '../args.js';
import { openKustomer, using, type CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../io.js';
import { regionFix, regionMismatch } from '../region.js';
import { renderTable } from '../table.js';

export interface ConnectionReport {
  mode: 'live' | 'sandbox';
  baseUrl: string;
  ok: boolean;
  latencyMs: number | null;
  error: { code: string; message: string; fix: string | null } | null;
  permissions: PermissionReport | null;
  /** Whether an SLA policy would count the bot transcript as a first response; null when not connected. */
  sla: SlaCheck | null;
}

export async function checkConnection(ctx: CommandContext): Promise<ConnectionReport> {
  return using(
    () => openKustomer(ctx, { maxRetries: 1 }),
    async ({ client, config, baseUrl }) => {
      const started = performance.now();
      const base = { mode: config.mode, baseUrl };
      try {
        const permissions = await client.auth.permissionReport({ lane: 'background' });
        const latencyMs = Math.round(performance.now() - started);
        const sla = await checkSlaSafety(client);
        return { ...base, ok: permissions.ok, latencyMs, error: null, permissions, sla };
      } catch (error) {
        if (!isKustomerError(error)) throw error;
        const mismatch = regionMismatch(error.message);
        const fix = mismatch
          ? regionFix(mismatch)
          : error.code === 'auth'
            ? 'check KUSTOMER_API_KEY (copied whole? expired or revoked?) and the region'
            : null;
        const failure = {
          code: mismatch ? 'wrong_region' : error.code,
          message: error.message,
          fix,
        };
        return {
          ...base,
          ok: false,
          latencyMs: null,
          error: failure,
          permissions: null,
          sla: null,
        };
      }
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
  const report = await checkConnection(ctx);
  if (args.values.json) ctx.io.out(JSON.stringify(report, null, 2));
  else printReport(ctx, report);
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** The doctor's output: a table of pass / warn / fail / skip with the fix under each problem. */
import type { CheckResult, CheckStatus } from './types.js';

export interface DoctorReport {
  ok: boolean;
  production: boolean;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}

export function summarize(
  checks: CheckResult[],
  production: boolean,
  strict: boolean,
): DoctorReport {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status] += 1;
  const ok = counts.fail === 0 && (!strict || counts.warn === 0);
  return { ok, production, counts, checks };
}

export function renderReport(report: DoctorReport): string {
  const width = Math.max(5, ...report.checks.map((c) => c.title.length));
  const lines = [`${'status'.padEnd(6)}  ${'check'.padEnd(width)}  detail`];
  lines.push(`${'-'.repeat(6)}  ${'-'.repeat(width)}  ${'-'.repeat(6)}`);
  for (const check of report.checks) {
    lines.push(
      `${check.status.toUpperCase().padEnd(6)}  ${check.title.padEnd(width)}  ${check.detail}`,
    );
    if (check.fix && check.status !== 'pass')
      lines.push(`${' '.repeat(8 + width)}  fix: ${check.fix}`);
  }
  const { pass, warn, fail, skip } = report.counts;
  lines.push('');
  lines.push(
    `${pass} pass, ${warn} warn, ${fail} fail, ${skip} skipped` +
      (report.production ? ' (judged as production)' : '') +
      (report.ok ? '' : ': not ready'),
  );
  return lines.join('\n');
}

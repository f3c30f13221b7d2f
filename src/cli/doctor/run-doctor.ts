/**
 * `npm run doctor`: every production-checklist item a program can check, as a table of
 * pass / warn / fail with the fix for each. Exit 1 on any fail (or any warn with --strict).
 */
import { COMMON_OPTIONS, parseCommandArgs, stringFlag, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { secretsOf, type Environment } from '../environment.js';
import { reportError } from '../errors.js';
import { EXIT, type CliIo, type ExitCode } from '../io.js';
import { createRedactor } from '../../platform/redact.js';
import { ALL_CHECKS } from './checks/index.js';
import { gatherFacts, type GatherOptions } from './facts.js';
import { renderReport, summarize, type DoctorReport } from './report.js';
import type { CheckResult, DoctorFacts } from './types.js';

export const DOCTOR_USAGE = `Usage: npm run doctor -- [--json] [--production] [--expected-per-hour n] [--strict] [--debug]

Checks the configuration, the Kustomer key (region, permissions, least privilege), the saved
settings, rate-limit headroom, the store and outbox, and the secrets, then prints pass / warn /
fail with the fix for each. Exit 0 when nothing fails, 1 on any fail, 2 on bad options.
  --production            judge as production even if NODE_ENV / VERCEL_ENV do not say so
  --expected-per-hour n   expected escalations per hour (else EXPECTED_ESCALATIONS_PER_HOUR)
  --strict                warnings fail too`;

export function runChecks(facts: DoctorFacts): CheckResult[] {
  return ALL_CHECKS.flatMap((check) => check(facts));
}

export async function diagnose(ctx: CommandContext, options: GatherOptions = {}) {
  const facts = await gatherFacts(ctx, options);
  return { facts, checks: runChecks(facts) };
}

const OPTIONS = {
  ...COMMON_OPTIONS,
  production: { type: 'boolean' },
  strict: { type: 'boolean' },
  'expected-per-hour': { type: 'string' },
} as const;

export interface DoctorRunOptions {
  env: Environment;
  io: CliIo;
  now?: number;
}

export async function runDoctor(argv: string[], options: DoctorRunOptions): Promise<ExitCode> {
  const { io, env } = options;
  const debug = argv.includes('--debug');
  const secrets = secretsOf(env);
  try {
    const args = parseCommandArgs(argv, OPTIONS);
    if (args.values.help) return (io.out(DOCTOR_USAGE), EXIT.ok);
    const expected = wholeNumber(stringFlag(args, 'expected-per-hour'), '--expected-per-hour');
    const { facts, checks } = await diagnose(
      { env, io, debug },
      {
        production: args.values.production === true,
        ...(expected === undefined ? {} : { expectedPerHour: expected }),
        ...(options.now === undefined ? {} : { now: options.now }),
      },
    );
    const report: DoctorReport = summarize(checks, facts.production, args.values.strict === true);
    const redact = createRedactor(secrets);
    io.out(redact(args.values.json ? JSON.stringify(report, null, 2) : renderReport(report)));
    return report.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    return reportError(error, { io, debug, secrets });
  }
}

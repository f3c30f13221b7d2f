/**
 * `npm run smoke -- --url https://host`: health, readiness, the integration status, a marked test
 * escalation end to end and its status, against a running deployment, with the time of each step.
 * Exit 0 when every step passed, 1 when one failed, 2 on bad options.
 */
import { COMMON_OPTIONS, parseCommandArgs, stringFlag, wholeNumber } from '../args.js';
import { secretsOf, type Environment } from '../environment.js';
import { reportError, UsageError } from '../errors.js';
import { EXIT, type CliIo, type ExitCode } from '../io.js';
import { createRedactor } from '../../platform/redact.js';
import {
  health,
  integration,
  pollEscalation,
  ready,
  testEscalation,
  type SmokeConfig,
  type SmokeStep,
} from './steps.js';

export const SMOKE_USAGE = `Usage: npm run smoke -- --url https://your-app.example.com [--admin-token <token>] [--email <address>] [--timeout <seconds>] [--json]

Runs GET /api/health, GET /api/ready, GET /api/integrations/kustomer, POST
/api/integrations/kustomer/test-escalation (a test escalation, tagged "test") and polls
GET /api/escalations/:id until it is in Kustomer, printing the time of each step.
The admin token defaults to ADMIN_TOKEN (prefer it: command lines show up in ps).
Exit 0 when every step passed, 1 when one failed, 2 on bad options.`;

const OPTIONS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  email: { type: 'string' },
  timeout: { type: 'string' },
  ...COMMON_OPTIONS,
} as const;

export interface SmokeRunOptions {
  env: Environment;
  io: CliIo;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** @default 1000 */
  pollIntervalMs?: number;
}

export async function runSteps(config: SmokeConfig): Promise<SmokeStep[]> {
  const steps: SmokeStep[] = [];
  for (const run of [health, ready, integration]) {
    steps.push(await run(config));
    if (steps.at(-1)!.status === 'fail') return steps;
  }
  const sent = await testEscalation(config);
  steps.push(sent.step);
  if (sent.id) steps.push(await pollEscalation(config, sent.id));
  return steps;
}

function render(url: string, steps: SmokeStep[], totalMs: number): string {
  const width = Math.max(...steps.map((s) => s.request.length));
  const lines = [`Smoke test of ${url}`];
  for (const s of steps) {
    const status = s.httpStatus === null ? '---' : String(s.httpStatus);
    const ms = s.ms === null ? '' : `${s.ms} ms`;
    lines.push(
      `${s.status.toUpperCase().padEnd(4)}  ${s.request.padEnd(width)}  ${status}  ${ms.padStart(8)}  ${s.detail}`,
    );
  }
  const failed = steps.find((s) => s.status === 'fail');
  lines.push(`total ${totalMs} ms: ${failed ? `failed at ${failed.name}` : 'every step passed'}`);
  return lines.join('\n');
}

function baseUrl(raw: string | undefined): string {
  if (!raw) throw new UsageError('--url is required, e.g. --url https://your-app.example.com');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError('--url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--url must be an absolute http(s) URL');
  return url.origin;
}

export async function runSmoke(argv: string[], options: SmokeRunOptions): Promise<ExitCode> {
  const { io, env } = options;
  const debug = argv.includes('--debug');
  const secrets = secretsOf(env);
  try {
    const args = parseCommandArgs(argv, OPTIONS);
    const adminToken = stringFlag(args, 'admin-token')?.trim() || env.ADMIN_TOKEN?.trim() || null;
    if (adminToken) secrets.push(adminToken);
    if (args.values.help) return (io.out(SMOKE_USAGE), EXIT.ok);
    const url = baseUrl(stringFlag(args, 'url'));
    const now = options.now ?? (() => performance.now());
    const config: SmokeConfig = {
      baseUrl: url,
      adminToken,
      fetch: options.fetch ?? fetch,
      now,
      timeoutMs: 15_000,
      email: stringFlag(args, 'email') ?? null,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      pollTimeoutMs: (wholeNumber(stringFlag(args, 'timeout'), '--timeout') ?? 60) * 1000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    const started = now();
    const steps = await runSteps(config);
    const totalMs = Math.round(now() - started);
    const ok = steps.every((s) => s.status === 'pass');
    const redact = createRedactor(secrets);
    const text = args.values.json
      ? JSON.stringify({ ok, url, totalMs, steps }, null, 2)
      : render(url, steps, totalMs);
    io.out(redact(text));
    return ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    return reportError(error, { io, debug, secrets });
  }
}

/**
 * The `npm run kustomer -- <command>` dispatcher: parses argv, runs one command with the
 * environment it is given, and turns any failure into a one-line message and an exit code.
 */
import { COMMON_OPTIONS, parseCommandArgs, type OptionSpec, type ParsedArgs } from './args.js';
import { escalateCommand } from './commands/escalate.js';
import { lookupCommand } from './commands/lookup.js';
import { outboxCommand } from './commands/outbox.js';
import { teamsCommand } from './commands/teams.js';
import { testConnectionCommand } from './commands/test-connection.js';
import { webhooksCommand } from './commands/webhooks.js';
import type { CommandContext } from './context.js';
import { secretsOf, type Environment } from './environment.js';
import { reportError, UsageError } from './errors.js';
import { EXIT, type CliIo, type ExitCode } from './io.js';

export const KUSTOMER_USAGE = `Usage: npm run kustomer -- <command> [options]

Commands:
  test-connection            connect with KUSTOMER_API_KEY and report every permission the
                             module needs (exit 0 only if it connects and holds them all)
  teams                      list the org's teams (ids for KUSTOMER_DEFAULT_TEAM_ID and rules)
  lookup --email <address>   find a customer (or --phone <E.164>, --external-id <id>)
  escalate --file <path>     send one escalation (JSON, the POST /api/escalations body)
  outbox list [--limit n]    escalations waiting, retrying or dead
  outbox drain               deliver what is due now
  outbox retry <id>          deliver one queued or dead escalation now
  outbox purge-dead          delete dead escalations
  webhooks status            the outbound webhook for agent replies and closes, and the last
                             delivery (exit 0 only if it exists, enabled, with both events)
  webhooks provision         create it at APP_URL/api/webhooks/kustomer, or check and repair it;
                             its signing token is kept in the store, never printed
  help                       this text

Options: --json (machine-readable output), --debug (stack traces on errors)
Reads process.env plus ./.env (set variables win). Without KUSTOMER_API_KEY it runs against the
embedded sandbox; KUSTOMER_API_BASE_URL points it at any Kustomer-compatible host.
Exit codes: 0 ok, 1 check or operation failed, 2 usage or configuration error.`;

const OPTIONS: OptionSpec = {
  ...COMMON_OPTIONS,
  email: { type: 'string' },
  phone: { type: 'string' },
  'external-id': { type: 'string' },
  file: { type: 'string' },
  limit: { type: 'string' },
};

type Command = (ctx: CommandContext, args: ParsedArgs) => Promise<ExitCode>;

const COMMANDS: Record<string, Command> = {
  'test-connection': testConnectionCommand,
  teams: teamsCommand,
  lookup: lookupCommand,
  escalate: escalateCommand,
  outbox: outboxCommand,
  webhooks: webhooksCommand,
};

export interface RunOptions {
  env: Environment;
  io: CliIo;
}

export async function runKustomerCli(argv: string[], options: RunOptions): Promise<ExitCode> {
  const { io, env } = options;
  const debug = argv.includes('--debug');
  try {
    const args = parseCommandArgs(argv, OPTIONS);
    const name = args.positionals[0];
    if (name === 'help' || args.values.help) {
      io.out(KUSTOMER_USAGE);
      return EXIT.ok;
    }
    const command = name ? COMMANDS[name] : undefined;
    if (!command) {
      io.err(KUSTOMER_USAGE);
      throw new UsageError(name ? `unknown command "${name}"` : 'give a command');
    }
    return await command({ env, io, debug }, args);
  } catch (error) {
    return reportError(error, { io, debug, secrets: secretsOf(env) });
  }
}

/**
 * `npm run kustomer -- <command>`: operator commands for the Kustomer integration.
 *
 *   npm run kustomer -- test-connection [--json]   connection + permission report (exit 0 = ready)
 *   npm run kustomer -- teams [--json]             team ids and names
 *   npm run kustomer -- lookup --email jane@example.com   (or --phone +15555550123, --external-id crm-1)
 *   npm run kustomer -- escalate --file escalation.json   one escalation; prints the result JSON
 *   npm run kustomer -- outbox list | drain | retry <id> | purge-dead
 *   npm run kustomer -- webhooks status | provision   the outbound webhook (create or verify)
 *   npm run kustomer -- help
 *
 * Reads process.env plus ./.env (set variables win), like the server. Without KUSTOMER_API_KEY it
 * uses the embedded sandbox; KUSTOMER_API_BASE_URL points it anywhere. --json for scripts,
 * --debug for stack traces. Exit codes: 0 ok, 1 check/operation failed, 2 usage or config error.
 * Errors are one line on stderr naming the variable or field; secrets are never printed.
 */
import { loadEnvironment } from './environment.js';
import { processIo } from './io.js';
import { runKustomerCli } from './kustomer-cli.js';

process.exitCode = await runKustomerCli(process.argv.slice(2), {
  env: loadEnvironment(process.cwd()),
  io: processIo,
});

/**
 * `escalate --file escalation.json`: one escalation through the same service the server uses
 * (validated with the shared request schema, stored, delivered or queued). Prints the result
 * JSON; exit 0 when it reached Kustomer, 1 when it was queued or refused.
 */
import { readFileSync } from 'node:fs';
import { fieldErrors } from '../../shared/api-error.js';
import { escalationRequestSchema, type EscalationRequest } from '../../shared/escalation.js';
import { stringFlag, type ParsedArgs } from '../args.js';
import { openServices, using, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';

export function readEscalationFile(path: string): EscalationRequest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`--file: cannot read ${path} (${code})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--file: ${path} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = escalationRequestSchema.safeParse(body);
  if (!parsed.success) {
    const fields = Object.entries(fieldErrors(parsed.error.issues))
      .map(([field, message]) => `${field}: ${message}`)
      .join('; ');
    throw new UsageError(`--file: ${path} is not a valid escalation: ${fields}`);
  }
  return parsed.data;
}

export async function escalateCommand(ctx: CommandContext, args: ParsedArgs): Promise<ExitCode> {
  const path = stringFlag(args, 'file');
  if (!path) throw new UsageError('escalate needs --file <escalation.json>');
  const request = readEscalationFile(path);
  const result = await using(
    () => openServices(ctx),
    (services) => services.escalations.escalate(request),
  );
  ctx.io.out(JSON.stringify(result, null, 2));
  if (result.status === 'queued' && result.reason === 'needs_attention')
    ctx.io.err(
      `queued: Kustomer rejected it; fix the cause, then: npm run kustomer -- outbox retry ${result.escalationId}`,
    );
  else if (result.status === 'queued')
    ctx.io.err(
      `queued: not delivered yet (${result.reason}); the outbox drain retries it from ${result.retryAt}`,
    );
  if (result.status === 'refused') ctx.io.err(`refused: ${result.message}`);
  return result.status === 'escalated' ? EXIT.ok : EXIT.failed;
}

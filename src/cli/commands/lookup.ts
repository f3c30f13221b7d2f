/**
 * `lookup --email x | --phone x | --external-id x`: the Kustomer customer for one identity, by
 * Kustomer's direct lookups (no search: API keys get only 100 searches a minute). Exit 1 when
 * there is no such customer.
 */
import type { Customer } from '../../kustomer/types.js';
import { stringFlag, type ParsedArgs } from '../args.js';
import { openKustomer, using, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';

const KINDS = ['email', 'phone', 'external-id'] as const;
type Kind = (typeof KINDS)[number];

function identity(args: ParsedArgs): { kind: Kind; value: string } {
  const given = KINDS.flatMap((kind) => {
    const value = stringFlag(args, kind)?.trim();
    return value ? [{ kind, value }] : [];
  });
  if (given.length !== 1)
    throw new UsageError('lookup needs exactly one of --email, --phone or --external-id');
  const found = given[0]!;
  if (found.kind === 'email' && !/^[^\s@]+@[^\s@]+$/.test(found.value))
    throw new UsageError('--email must be an email address');
  if (found.kind === 'phone' && !/^\+?[0-9]{6,15}$/.test(found.value))
    throw new UsageError('--phone must be a number in E.164 form, e.g. +15555550123');
  return found;
}

export async function lookupCommand(ctx: CommandContext, args: ParsedArgs): Promise<ExitCode> {
  const { kind, value } = identity(args);
  const customer: Customer | null = await using(
    () => openKustomer(ctx),
    ({ client }) => {
      const options = { lane: 'background' as const };
      if (kind === 'email') return client.customers.getByEmail(value, options);
      if (kind === 'phone') return client.customers.getByPhone(value, options);
      return client.customers.getByExternalId(value, options);
    },
  );
  if (args.values.json) ctx.io.out(JSON.stringify({ customer }, null, 2));
  else if (customer) ctx.io.out(JSON.stringify(customer, null, 2));
  if (!customer) ctx.io.err(`not found: no Kustomer customer with that ${kind}`);
  return customer ? EXIT.ok : EXIT.failed;
}

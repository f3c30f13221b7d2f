/** `teams`: the org's teams (ids for KUSTOMER_DEFAULT_TEAM_ID and routing rules). */
import type { ParsedArgs } from '../args.js';
import { openKustomer, using, type CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../io.js';
import { renderTable } from '../table.js';

export async function teamsCommand(ctx: CommandContext, args: ParsedArgs): Promise<ExitCode> {
  const teams = await using(
    () => openKustomer(ctx),
    ({ client }) => client.teams.list({ fresh: true, lane: 'background' }),
  );
  if (args.values.json) ctx.io.out(JSON.stringify({ teams }, null, 2));
  else if (teams.length === 0) ctx.io.out('No teams in this Kustomer org.');
  else
    ctx.io.out(
      renderTable(
        ['id', 'name'],
        teams.map((t) => [t.id, t.name]),
      ),
    );
  return EXIT.ok;
}

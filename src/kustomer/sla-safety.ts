/**
 * The SLA check behind the doctor and Test connection: reads the org's SLA policies and names
 * those whose first response the bot's transcript would satisfy. The bot's lines go as
 * automation-generated outbound messages (`auto: true`, resources/transcript-lines.ts), which a
 * policy based on human interaction never counts; a policy without it (Kustomer's legacy rule:
 * "any customer-visible SENT outbound satisfies it",
 * https://developer.kustomer.com/api/core-resources/get-sla-by-id) would. A key that cannot read
 * SLAs makes the check `skipped`, never a pass.
 */
import type { SlaCheck } from '../shared/integration.js';
import { isKustomerError } from './errors.js';
import { fooledPolicies } from './resources/slas.js';
import type { CallOptions, KustomerClient } from './types.js';

export const SLA_FIX =
  "In Kustomer, Settings › SLAs: in each policy named, turn on 'Based on human interaction' for First response (and Next reply), so only an agent's reply counts.";

export async function checkSlaSafety(
  client: Pick<KustomerClient, 'slas'>,
  options: CallOptions = {},
): Promise<SlaCheck> {
  try {
    const fooled = fooledPolicies(await client.slas.list({ lane: 'background', ...options }));
    if (fooled.length === 0)
      return {
        status: 'ok',
        message: 'No SLA policy counts the bot transcript as a first response.',
        fooled: [],
      };
    const names = fooled.map((p) => `"${p.name}"`).join(', ');
    return {
      status: 'warn',
      message: `SLA ${fooled.length === 1 ? 'policy' : 'policies'} ${names} count any outbound message as the first response: the bot's transcript lines would meet the target before an agent answers. ${SLA_FIX}`,
      fooled: fooled.map(({ id, name }) => ({ id, name })),
    };
  } catch (error) {
    if (!isKustomerError(error)) throw error;
    const why =
      error.code === 'permission'
        ? 'the key cannot read SLAs (org.permission.sla.read)'
        : `they could not be read (${error.message})`;
    return { status: 'skipped', message: `SLA policies not checked: ${why}.`, fooled: [] };
  }
}

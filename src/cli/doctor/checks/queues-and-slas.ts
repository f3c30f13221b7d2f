/**
 * Kustomer's Queues and Routing and SLAs: when routing names a queue, the key must hold the
 * routing roles (a work item per conversation:
 * https://developer.kustomer.com/api/queues-and-routing/create-work-item); and no SLA policy
 * should take the bot's transcript for the first response (src/kustomer/sla-safety.ts).
 */
import { CAPABILITY_RULES, permissionReport } from '../../../kustomer/permissions.js';
import { SLA_FIX } from '../../../kustomer/sla-safety.js';
import { QUEUE_CAPABILITIES } from '../../../shared/integration.js';
import { usesQueues } from '../../../shared/settings.js';
import { fail, pass, skip, warn, type Check, type CheckResult } from '../types.js';

export const queuePermissionChecks: Check = ({ connection, settings }) =>
  QUEUE_CAPABILITIES.map((capability): CheckResult => {
    const rule = CAPABILITY_RULES[capability];
    const id = `permission.${capability}`;
    const title = `Permission: ${rule.label.toLowerCase()}`;
    if (!settings) return skip(id, title, 'the settings could not be read');
    if (!usesQueues(settings))
      return pass(id, title, 'not needed: no routing rule or default names a Kustomer queue');
    const token = connection?.token;
    if (!token) return skip(id, title, 'the key could not be checked');
    const found = permissionReport(token, { queues: true }).capabilities.find(
      (c) => c.capability === capability,
    )!;
    if (found.held) return pass(id, title, `held via ${found.via}`);
    return fail(id, title, `missing ${rule.newRole}: ${rule.breaks}`, found.fix);
  });

export const slaSafetyCheck: Check = ({ connection }) => {
  const id = 'kustomer.sla-first-response';
  const title = 'No SLA policy counts the bot transcript as the first response';
  const sla = connection?.sla;
  if (!sla) return skip(id, title, 'Kustomer could not be reached');
  if (sla.status === 'skipped')
    return skip(id, title, `${sla.message} Give the key org.permission.sla.read to check.`);
  if (sla.status === 'warn') return warn(id, title, sla.message, SLA_FIX);
  return pass(id, title, sla.message);
};

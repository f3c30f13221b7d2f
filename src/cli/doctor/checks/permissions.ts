/**
 * Every capability the module uses is held by the key, and nothing much broader: roles cannot be
 * edited on a Kustomer key, so a key with org.admin stays that powerful until it is replaced
 * (https://developer.kustomer.com/docs/get-started/api-keys-and-roles).
 */
import { CAPABILITY_RULES } from '../../../kustomer/permissions.js';
import { CAPABILITIES } from '../../../shared/integration.js';
import { fail, pass, skip, warn, type Check, type CheckResult } from '../types.js';

export const permissionChecks: Check = ({ connection }) =>
  CAPABILITIES.map((capability): CheckResult => {
    const id = `permission.${capability}`;
    const rule = CAPABILITY_RULES[capability];
    const title = `Permission: ${rule.label.toLowerCase()}`;
    const found = connection?.permissions?.capabilities.find((c) => c.capability === capability);
    if (!found) return skip(id, title, 'the key could not be checked');
    if (found.held) return pass(id, title, `held via ${found.via}`);
    return fail(id, title, `missing ${rule.newRole}: ${rule.breaks}`, found.fix);
  });

const ADMIN = /^org\.admin(\.|$)/;

export const leastPrivilegeCheck: Check = ({ connection, production }) => {
  const id = 'permission.least-privilege';
  const title = 'No broad admin role on the key';
  const report = connection?.permissions;
  if (!report) return skip(id, title, 'the key could not be checked');
  if (report.broadRoles.length === 0) return pass(id, title, 'the key holds no admin roles');
  const fix =
    'create a key with only the roles the module needs (npm run kustomer -- test-connection lists them) and revoke this one';
  const detail = `the key holds ${report.broadRoles.join(', ')}: far more than an escalation needs`;
  const admin = report.broadRoles.some((role) => ADMIN.test(role));
  return admin && production ? fail(id, title, detail, fix) : warn(id, title, detail, fix);
};

/**
 * Whether a key's roles satisfy a route. Kustomer: "any one of the following roles is required"
 * per endpoint (https://developer.kustomer.com/docs/get-started/api-keys-and-roles); older keys
 * carry the legacy broad roles, `org.user` (the parent of every `org.user.<object>.<action>`)
 * and `org.admin` (everything).
 */
export function keyMayCall(keyRoles: readonly string[], routeRoles: readonly string[]): boolean {
  if (keyRoles.includes('org.admin')) return true;
  const user = keyRoles.includes('org.user');
  return routeRoles.some(
    (role) => keyRoles.includes(role) || (user && role.startsWith('org.user.')),
  );
}

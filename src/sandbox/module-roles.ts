/**
 * The roles the escalation module needs from a Kustomer API key. The sandbox's default key holds
 * them all, and tests build keys with fewer to check that each route refuses a key lacking its role;
 * the list lives apart from the server so that tests and tools can name it without the server.
 */
export const ALL_MODULE_ROLES = [
  'org.permission.customer.read',
  'org.permission.customer.create',
  'org.permission.customer.update',
  'org.permission.conversation.read',
  'org.permission.conversation.create',
  'org.permission.conversation.update',
  'org.permission.message.create',
  'org.permission.message.read',
  'org.permission.note.create',
  'org.permission.note.read',
  'org.permission.team.read',
];

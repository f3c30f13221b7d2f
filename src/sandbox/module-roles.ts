/**
 * Creating and checking the outbound webhook from the Integrations page or the setup script:
 * optional, the escalations never call these routes.
 */
export const PROVISIONING_ROLES = [
  'org.permission.outbound_webhook.read',
  'org.permission.outbound_webhook.create',
  'org.permission.outbound_webhook.delete',
];

/**
 * The roles the Kustomer client's calls need: the escalation flow's, plus the update roles of the
 * client's update calls, which the flow does not make, and the attachment read that only an
 * agent's file download needs (optional: without it the link answers 502). The sandbox's
 * default key holds them all,
 * and tests build keys with fewer to check that each route refuses a key lacking its role; the
 * list lives apart from the server so that tests and tools can name it without the server.
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
  'org.permission.bulk.read',
  'org.permission.note.create',
  'org.permission.note.read',
  'org.permission.team.read',
  'org.permission.attachment.read',
  'org.permission.queue.read',
  'org.permission.routing.read',
  'org.permission.routing.create',
  'org.permission.routing.update',
  'org.permission.sla.read',
  // Availability (business hours): optional, without it availability is said unknown.
  'org.permission.schedule.read',
  ...PROVISIONING_ROLES,
];

/**
 * Asked only when routing names a Kustomer queue (work items), read by the SLA check, or read for
 * availability (schedules, work sessions, queue metrics: without them it is said unknown).
 */
const WHEN_USED = /^org\.permission\.(queue|routing|sla|schedule)\./;

/** What the escalation flow calls, and so what the permission check asks of a key: no more. */
export const REQUIRED_MODULE_ROLES = ALL_MODULE_ROLES.filter(
  (role) =>
    !role.endsWith('.update') &&
    role !== 'org.permission.attachment.read' &&
    !WHEN_USED.test(role) &&
    !PROVISIONING_ROLES.includes(role),
);

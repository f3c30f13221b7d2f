/**
 * The roles behind each capability the module uses, from Kustomer's endpoint pages
 * (https://developer.kustomer.com/docs/get-started/api-keys-and-roles). Holding either the new
 * permission-set role or its legacy twin is enough.
 *
 * The report covers exactly the capabilities the escalation flow calls (`CAPABILITIES`): the
 * client can also update customers and conversations, but nothing in the flow does, so a
 * least-privilege key without those roles is not reported as broken.
 */
import {
  CAPABILITIES,
  QUEUE_CAPABILITIES,
  type Capability,
  type CapabilityCheck,
  type PermissionReport,
} from '../shared/integration.js';
import { OUTBOUND_WEBHOOK_ROLES } from './resources/outbound-webhooks.js';
import type { AuthToken } from './types.js';

/** What the client can do; the flow uses only `Capability`. */
export type ClientCapability =
  Capability | 'customer.update' | 'conversation.update' | 'attachment.read' | 'sla.read';

interface CapabilityRule {
  label: string;
  newRole: string;
  legacyRole: string | null;
  breaks: string;
}

export const CAPABILITY_RULES: Record<ClientCapability, CapabilityRule> = {
  'customer.read': {
    label: 'Read customers',
    newRole: 'org.permission.customer.read',
    legacyRole: 'org.user.customer.read',
    breaks: 'Existing customers cannot be found, so every escalation fails at the first step.',
  },
  'customer.create': {
    label: 'Create customers',
    newRole: 'org.permission.customer.create',
    legacyRole: 'org.user.customer.write',
    breaks: 'Escalations from people who are not yet Kustomer customers fail.',
  },
  'customer.update': {
    label: 'Update customers',
    newRole: 'org.permission.customer.update',
    legacyRole: 'org.user.customer.write',
    breaks: 'New contact details from the chat cannot be added to existing customers.',
  },
  'conversation.read': {
    label: 'Read conversations',
    newRole: 'org.permission.conversation.read',
    legacyRole: 'org.user.conversation.read',
    breaks:
      'A retried escalation cannot check whether its conversation already exists (risk of duplicates).',
  },
  'conversation.create': {
    label: 'Create conversations',
    newRole: 'org.permission.conversation.create',
    legacyRole: 'org.user.conversation.write',
    breaks: 'No escalation can reach Kustomer: every one stays in the outbox.',
  },
  'conversation.update': {
    label: 'Update conversations',
    newRole: 'org.permission.conversation.update',
    legacyRole: 'org.user.conversation.write',
    breaks: 'Team and priority cannot be changed after the conversation is created.',
  },
  'message.create': {
    label: 'Create messages',
    newRole: 'org.permission.message.create',
    legacyRole: 'org.user.message.write',
    breaks: 'The chat transcript does not appear on the conversation timeline.',
  },
  'attachment.read': {
    label: 'Read attachments',
    newRole: 'org.permission.attachment.read',
    legacyRole: 'org.user.attachment.read',
    breaks: 'Files an agent sends show in the chat but cannot be downloaded.',
  },
  'message.read': {
    label: 'Read messages',
    newRole: 'org.permission.message.read',
    legacyRole: 'org.user.message.read',
    breaks:
      'A retried escalation cannot see which transcript lines already landed (risk of duplicate lines).',
  },
  'bulk.read': {
    label: 'Read bulk jobs',
    newRole: 'org.permission.bulk.read',
    legacyRole: 'org.user.bulk.read',
    breaks:
      'The transcript job cannot be followed: its lines are confirmed only by listing the conversation after a settle time (slower).',
  },
  'note.create': {
    label: 'Create notes',
    newRole: 'org.permission.note.create',
    legacyRole: 'org.user.note.write',
    breaks: "Agents do not see the bot's summary and the escalation reason.",
  },
  'note.read': {
    label: 'Read notes',
    newRole: 'org.permission.note.read',
    legacyRole: 'org.user.note.read',
    breaks:
      'A retried escalation cannot see whether its note already landed (risk of a duplicate note).',
  },
  'team.read': {
    label: 'Read teams',
    newRole: 'org.permission.team.read',
    legacyRole: null,
    breaks: 'Teams cannot be listed: routing rules cannot be checked and team names are not shown.',
  },
  // https://developer.kustomer.com/api/queues-and-routing (each endpoint page names its roles)
  'queue.read': {
    label: 'Read queues',
    newRole: 'org.permission.queue.read',
    legacyRole: 'org.user.routing.read',
    breaks: 'Queues cannot be listed: rules that route to a queue cannot be checked or edited.',
  },
  'routing.read': {
    label: 'Read work items',
    newRole: 'org.permission.routing.read',
    legacyRole: 'org.user.routing.read',
    breaks:
      "A retried escalation cannot see the conversation's work item (a completed one could be routed again).",
  },
  'routing.create': {
    label: 'Create work items',
    newRole: 'org.permission.routing.create',
    legacyRole: 'org.user.routing.write',
    breaks: 'Conversations are not put in the Kustomer queue a routing rule names.',
  },
  'routing.update': {
    label: 'Update work items',
    newRole: 'org.permission.routing.update',
    legacyRole: 'org.user.routing.write',
    breaks:
      "A conversation Kustomer's own queue rules picked up first stays in their queue, not the rule's.",
  },
  // https://developer.kustomer.com/api/core-resources/get-sla-by-id
  'sla.read': {
    label: 'Read SLAs',
    newRole: 'org.permission.sla.read',
    legacyRole: 'org.user.sla.read',
    breaks: 'The SLA check cannot tell whether a policy would count the bot transcript as a reply.',
  },
};

/** Roles that grant far more than the module needs. */
const BROAD = /^org\.admin(\.|$)|^org\.permission\.security$|^org\.user$/;

export function rolesFor(capability: ClientCapability): string[] {
  const rule = CAPABILITY_RULES[capability];
  return rule.legacyRole ? [rule.newRole, rule.legacyRole] : [rule.newRole];
}

/**
 * The held role that grants `role`, or null. Older keys carry the legacy broad roles instead of
 * per-object ones: `org.user` stands for every `org.user.<object>.<action>` role, and `org.admin`
 * (the administrator) for everything, the new permission-set roles included. Kustomer names
 * roles as dotted paths (`org.user.customer.read`), and these two are the parents of theirs.
 */
export function grantingRole(held: ReadonlySet<string>, role: string): string | null {
  if (held.has(role)) return role;
  if (role.startsWith('org.user.') && held.has('org.user')) return 'org.user';
  if (held.has('org.admin')) return 'org.admin';
  return null;
}

function heldVia(held: ReadonlySet<string>, capability: Capability): string | null {
  for (const role of rolesFor(capability)) {
    const via = grantingRole(held, role);
    if (via) return via;
  }
  return null;
}

export interface PermissionScope {
  /** A routing rule or the defaults name a Kustomer queue: the routing roles are required too. */
  queues?: boolean;
}

export function permissionReport(token: AuthToken, scope: PermissionScope = {}): PermissionReport {
  const held = new Set(token.roles);
  const asked: Capability[] = scope.queues
    ? [...CAPABILITIES, ...QUEUE_CAPABILITIES]
    : [...CAPABILITIES];
  const capabilities: CapabilityCheck[] = asked.map((capability) => {
    const rule = CAPABILITY_RULES[capability];
    const via = heldVia(held, capability);
    return {
      capability,
      label: rule.label,
      held: via !== null,
      via,
      newRole: rule.newRole,
      legacyRole: rule.legacyRole,
      breaks: rule.breaks,
      fix: `Create a new API key (roles cannot be edited) in Settings › Security › API Keys with ${rule.newRole}, and the roles this key already has.`,
    };
  });
  const missing = capabilities.filter((c) => !c.held).map((c) => c.capability);
  return {
    ok: missing.length === 0,
    tokenName: token.name,
    capabilities,
    missing,
    broadRoles: token.roles.filter((role) => BROAD.test(role)),
  };
}

/**
 * Optional roles: creating, checking and replacing the outbound webhook from the Integrations
 * page or the setup script. Escalations never call these routes, so the permission report does
 * not ask for them; without them the webhook is created by hand in Kustomer's Settings.
 * https://developer.kustomer.com/api/apps-platform/list-outbound-webhooks
 */
export const PROVISIONING_ACTIONS = ['read', 'create', 'delete'] as const;
export type ProvisioningAction = (typeof PROVISIONING_ACTIONS)[number];

/** For each action, the held role that allows it, or null. */
export function provisioningAccess(
  roles: readonly string[],
): Record<ProvisioningAction, string | null> {
  const held = new Set(roles);
  const via = (action: ProvisioningAction) => {
    for (const role of OUTBOUND_WEBHOOK_ROLES[action]) {
      const granted = grantingRole(held, role);
      if (granted) return granted;
    }
    return null;
  };
  return { read: via('read'), create: via('create'), delete: via('delete') };
}

/**
 * Bodies the /api endpoints answer with, built from the shared zod contracts so a fixture that
 * drifts from what the server sends fails here rather than passing against a fiction.
 */
import {
  CAPABILITIES,
  connectionResultSchema,
  integrationStatusSchema,
  type CapabilityCheck,
  type ConnectionResult,
  type IntegrationStatus,
  type OutboxItem,
} from '../../../src/shared/integration.js';
import { sandboxStateSchema, type SandboxStateView } from '../../../src/shared/sandbox-state.js';
import type { IntegrationSettings } from '../../../src/shared/settings.js';
import { webhookStateSchema, type WebhookState } from '../../../src/shared/webhook-state.js';

export const BILLING = { id: 'aaaaaaaaaaaaaaaaaaaaaaa1', name: 'Billing' };
export const TECH = { id: 'aaaaaaaaaaaaaaaaaaaaaaa2', name: 'Technical' };
export const TEAMS = [BILLING, TECH];

export function settingsOf(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return {
    enabled: true,
    whenDisabled: 'refuse',
    defaultTeamId: null,
    defaultPriority: 3,
    transcriptSync: true,
    debug: false,
    routingRules: [],
    conversationAttributes: [],
    ...overrides,
  };
}

export function outboxItemOf(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    escalationId: 'esc-queued-1',
    state: 'queued',
    attempts: 2,
    nextAttemptAt: '2026-01-01T10:05:00.000Z',
    lastError: { code: 'unavailable', message: 'Kustomer answered 503' },
    createdAt: '2026-01-01T10:00:00.000Z',
    customer: 'j***@example.com',
    reason: 'user_requested',
    test: false,
    timelinePending: false,
    ...overrides,
  };
}

type StatusOverrides = Partial<Omit<IntegrationStatus, 'outbox' | 'metrics'>> & {
  outbox?: Partial<IntegrationStatus['outbox']>;
  metrics?: Partial<IntegrationStatus['metrics']>;
};

export function statusOf(overrides: StatusOverrides = {}): IntegrationStatus {
  const { outbox, metrics, ...rest } = overrides;
  return integrationStatusSchema.parse({
    mode: 'sandbox',
    status: 'sandbox',
    org: { subdomain: null, region: null, baseUrl: 'http://127.0.0.1:4010' },
    key: { configured: false, last4: null },
    connection: null,
    breaker: 'closed',
    settings: settingsOf(),
    store: 'memory',
    retentionDays: 30,
    deliveries: { delivered: 0, waiting: 0, gaveUp: 0, refused: 0 },
    ...rest,
    outbox: {
      queued: 0,
      retrying: 0,
      dead: 0,
      oldestQueuedAt: null,
      timelinePending: 0,
      items: [],
      ...outbox,
    },
    metrics: {
      since: '2026-01-01T09:00:00.000Z',
      requests: 0,
      errors: 0,
      successRate: null,
      p50Ms: null,
      p95Ms: null,
      rateLimited: 0,
      lastSuccessAt: null,
      lastErrorAt: null,
      errorsByCode: {},
      rateLimit: { limit: null, remaining: null, resetAt: null },
      endpoints: [],
      ...metrics,
    },
  });
}

/** A live org, as a real key would show it. */
export const liveStatus = (overrides: StatusOverrides = {}) =>
  statusOf({
    mode: 'live',
    status: 'connected',
    org: { subdomain: 'acme', region: 'eu', baseUrl: 'https://acme.api.kustomerapp.com' },
    key: { configured: true, last4: 'x9Qz' },
    ...overrides,
  });

const LABELS: Record<string, string> = {
  'customer.read': 'Read customers',
  'customer.create': 'Create customers',
  'conversation.create': 'Create conversations',
  'note.create': 'Create notes',
};

export function permissionsOf(missing: string[] = [], broadRoles: string[] = []): ConnectionResult {
  const capabilities: CapabilityCheck[] = CAPABILITIES.map((capability) => {
    const held = !missing.includes(capability);
    return {
      capability,
      label: LABELS[capability] ?? capability,
      held,
      via: held ? `org.permission.${capability}` : null,
      newRole: `org.permission.${capability}`,
      legacyRole: capability.startsWith('note') ? 'org.user.note.write' : null,
      breaks: `Without it: ${capability} fails`,
      fix: 'In Kustomer: Settings › Security › API keys, edit the key and add the role.',
    };
  });
  return connectionResultSchema.parse({
    ok: true,
    checkedAt: '2026-01-01T10:00:00.000Z',
    latencyMs: 84,
    error: null,
    permissions: {
      ok: missing.length === 0,
      tokenName: 'chat-escalation',
      capabilities,
      missing,
      broadRoles,
    },
  });
}

export function sandboxOf(overrides: Partial<SandboxStateView> = {}): SandboxStateView {
  return sandboxStateSchema.parse({
    customers: [],
    conversations: [],
    messages: [],
    notes: [],
    teams: TEAMS,
    faults: {},
    ...overrides,
  });
}

/** GET /api/integrations/kustomer/webhook: a healthy webhook that has had a verified delivery. */
export function webhookOf(overrides: Partial<WebhookState> = {}): WebhookState {
  return webhookStateSchema.parse({
    targetUrl: 'https://chat.example.com/api/webhooks/kustomer',
    targetProblem: null,
    error: null,
    webhook: {
      id: '6717c2a4e5b1f00012ab3501',
      name: 'Chat escalations: agent replies and closes',
      url: 'https://chat.example.com/api/webhooks/kustomer',
      events: ['kustomer.message.create', 'kustomer.conversation.update'],
      enabled: true,
      missingEvents: [],
    },
    healthy: true,
    secret: 'provisioned',
    canProvision: true,
    lastDelivery: {
      at: '2026-11-24T11:58:00.000Z',
      event: 'kustomer.message.create',
      verified: true,
    },
    ...overrides,
  });
}

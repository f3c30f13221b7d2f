/**
 * The contract of the local Kustomer sandbox: how tests, the dev server and the CLI start it,
 * steer its faults and inspect what landed. The sandbox speaks Kustomer's v1 API under /v1 and its
 * own admin API under /__sandbox (never part of Kustomer's API, and never reachable in live mode).
 */
import type { SandboxAvailability } from './availability-data.js';
import type { BulkJobFaults } from './bulk-jobs.js';
import type { RoutingControls, RoutingState } from './routing-controls.js';
import type { SandboxOutboundWebhook } from './outbound-webhooks.js';

/** A key the sandbox accepts, with the roles GET /v1/auth/tokens/current reports for it. */
export interface SandboxKey {
  key: string;
  name: string;
  roles: string[];
}

export interface SandboxOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Keys and their roles. @default [{ key: SANDBOX_API_KEY, roles: every role the module needs }] */
  keys?: SandboxKey[];
  /** Org-wide requests per 60-second window before 429. @default 1000 */
  orgRateLimitPerMin?: number;
  /** Per-customer create limit for conversations/messages/notes per minute. @default 120 */
  perCustomerCreateLimitPerMin?: number;
  /** Status for a duplicate email/phone/externalId on customer create; Kustomer's is unconfirmed. @default 400 */
  duplicateStatus?: 400 | 409;
  /** x-ratelimit-reset as epoch seconds or as seconds until reset; Kustomer's is unconfirmed. @default 'epoch' */
  resetHeaderStyle?: 'epoch' | 'delta';
  /**
   * How long a bulk job takes before its items are written and its status is `complete`
   * (Kustomer runs bulk creates as asynchronous jobs). The `bulk.jobMs` fault overrides it.
   * @default 3000
   */
  bulkJobMs?: number;
  /** Teams to seed. @default a few named teams (Support, Billing, Technical, Enterprise) */
  teams?: { id?: string; name: string }[];
  /**
   * An outbound webhook to start with, as if an admin had created it in Settings with this URL
   * and token, for kustomer.message.create and kustomer.conversation.update. More can be
   * created through POST /v1/outbound-webhooks.
   */
  webhook?: { url: string; secret: string } | null;
  /** Clock for rate-limit windows and timestamps. @default Date.now */
  now?: () => number;
  /** @default false */
  log?: boolean;
}

/** Faults applied to /v1 requests, set at run time with PUT /__sandbox/faults. */
export interface SandboxFaults {
  /** Added to every /v1 response. */
  latencyMs?: number;
  /** Probability (0-1) per status, e.g. { "500": 0.2, "429": 0.1, "503": 0.05 }, decided before the handler runs. */
  errorRates?: Record<string, number>;
  /** Every /v1 request answers 503 until this epoch-ms time. */
  outageUntil?: number | null;
  /** Probability (0-1) that a write (POST/PUT/PATCH) commits and then the connection is reset. */
  resetAfterCommitRate?: number;
  /** Probability (0-1) that a response is held for slowResponseMs (longer than the client timeout). */
  slowResponseRate?: number;
  /** @default 30000 */
  slowResponseMs?: number;
  /**
   * Adds `Retry-After: <seconds>` to every 429. Kustomer does not document the header, but a
   * gateway or proxy in front of it may send one, and clients must prefer it.
   */
  retryAfterSeconds?: number;
  /** Only requests whose "METHOD /path" matches this regex are faulted (e.g. "^POST /v1/customers$"). */
  match?: string | null;
  /** Bulk jobs: their duration, items failing inside a job, jobs whose status cannot be read. */
  bulk?: BulkJobFaults;
  /** Deterministic fault decisions. */
  seed?: number;
}

export interface SandboxCustomer {
  id: string;
  name: string | null;
  emails: { email: string; type?: string }[];
  phones: { phone: string; type?: string }[];
  externalId: string | null;
  externalIds: { externalId: string }[];
  tags: string[];
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
export interface SandboxConversation {
  id: string;
  customerId: string;
  name: string | null;
  status: 'open' | 'snoozed' | 'done';
  /** null until one is set: Kustomer's created conversation has no priority. */
  priority: number | null;
  direction: 'in' | 'out' | null;
  assignedTeams: string[];
  tags: string[];
  externalId: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
export interface SandboxMessage {
  id: string;
  conversationId: string;
  customerId: string;
  channel: string;
  app: string;
  direction: 'in' | 'out';
  preview: string | null;
  externalId: string | null;
  sentAt: string | null;
  importedAt: string | null;
  /** Sent as automation-generated (`auto: true`); absent otherwise. */
  auto?: boolean;
  meta: Record<string, unknown>;
  createdAt: string;
  /** Ids of the uploaded attachments the message references. */
  attachmentIds: string[];
}
/** An attachment as POST /v1/attachments creates it; the file arrives through its upload form. */
export interface SandboxAttachment {
  id: string;
  name: string;
  contentType: string;
  contentLength: number;
  /** The signed policy the upload form carries; an upload without it is refused. */
  policy: string;
  /** The uploaded file in base64, null until uploaded. */
  data: string | null;
  createdAt: string;
}
export interface SandboxNote {
  id: string;
  conversationId: string;
  customerId: string;
  body: string;
  externalId: string | null;
  /** As sent: `{ user }` or `{ team }` (answered as the `userMentions` relationship list). */
  userMentions: { user?: string; team?: string }[];
  createdAt: string;
}
export interface SandboxTeam {
  id: string;
  name: string;
}

/** GET /__sandbox/state */
export interface SandboxState extends RoutingState {
  customers: SandboxCustomer[];
  conversations: SandboxConversation[];
  messages: SandboxMessage[];
  notes: SandboxNote[];
  attachments: SandboxAttachment[];
  teams: SandboxTeam[];
  faults: SandboxFaults;
  /** The inspector's switches: business closed, agents online (availability-data.ts). */
  availability: SandboxAvailability;
  /** Requests seen per "METHOD /v1/route-template" and how many were answered 429. */
  requests: { total: number; rateLimited: number; byRoute: Record<string, number> };
}

export interface SandboxHandle {
  /** http://127.0.0.1:PORT — use as KUSTOMER_API_BASE_URL. */
  url: string;
  port: number;
  /** The first configured key. */
  apiKey: string;
  setFaults(faults: SandboxFaults): void;
  /** Closes the business or takes agents offline (and back). */
  setAvailability(patch: Partial<SandboxAvailability>): SandboxAvailability;
  clearFaults(): void;
  state(): SandboxState;
  /** Empties customers, conversations, messages, notes, counters and faults; keeps teams, keys and outbound webhooks. */
  reset(): void;
  /** As an agent: adds an outbound message to the conversation and delivers kustomer.message.create. */
  agentReply(
    conversationId: string,
    text: string,
    files?: { name: string; contentType: string; bytes: Uint8Array }[],
  ): Promise<SandboxMessage>;
  /** As an agent: sets the conversation to done and delivers kustomer.conversation.update. */
  closeConversation(conversationId: string): Promise<void>;
  /** Replaces the webhook created "in Settings" (see SandboxOptions.webhook); null removes it. */
  setWebhook(webhook: { url: string; secret: string } | null): void;
  /** The org's queue rule, work items and SLA policies (also under /__sandbox/routing). */
  routing: RoutingControls;
  /** The org's outbound webhooks, tokens included. */
  outboundWebhooks(): SandboxOutboundWebhook[];
  /** As an admin editing one in Settings, or Kustomer disabling a failing one; null if unknown. */
  editOutboundWebhook(
    id: string,
    patch: Partial<Pick<SandboxOutboundWebhook, 'enabled' | 'events' | 'url'>>,
  ): SandboxOutboundWebhook | null;
  close(): Promise<void>;
}

/** The key the sandbox accepts when none is configured; it is not a secret. */
export const SANDBOX_API_KEY = 'sandbox-api-key-not-a-secret';

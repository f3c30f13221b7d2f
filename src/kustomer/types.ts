/**
 * The shape of the server-side Kustomer client. Resources return plain domain objects parsed
 * from Kustomer's JSON:API envelope; faults are thrown as KustomerError (see errors.ts).
 * Lookups that Kustomer answers with 404 return null instead of throwing.
 */
import type { MetricsSnapshot, PermissionReport } from '../shared/integration.js';
import type { Priority } from '../shared/priority.js';
import type { createAttachments } from './resources/attachments.js';
import type { createRoutingQueues } from './resources/routing-queues.js';
import type { createSlas } from './resources/slas.js';
import type { PermissionScope } from './permissions.js';
import type { AvailabilityReads } from './resources/availability-reads.js';
import type { OutboundWebhooksResource } from './resources/outbound-webhooks.js';
import type { TranscriptOptions } from './resources/transcript-sync.js';

/** Escalation traffic goes ahead of background traffic (team refreshes, health checks, drains). */
export type RequestLane = 'escalation' | 'background';

export interface CallOptions {
  /** @default 'escalation' */
  lane?: RequestLane;
  /**
   * The longest this call may wait for rate budget before failing with RateLimitError unsent; a
   * caller with a deadline passes it, since a longer wait cannot help. Capped by the client's
   * maxRateLimitWaitMs.
   */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

export interface Customer {
  id: string;
  name: string | null;
  emails: string[];
  phones: string[];
  externalId: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  conversationCounts: Record<string, number> | null;
  updatedAt: string | null;
}

export interface CustomerIdentityInput {
  email?: string;
  phone?: string;
  externalId?: string;
  name?: string;
}

export interface CreateCustomerInput extends CustomerIdentityInput {
  tags?: string[];
  custom?: Record<string, unknown>;
}

export type ConversationStatus = 'open' | 'snoozed' | 'done';

export interface Conversation {
  id: string;
  customerId: string;
  name: string | null;
  /** null when Kustomer sent none, or a status this module does not know. */
  status: ConversationStatus | null;
  priority: number | null;
  assignedTeams: string[];
  tags: string[];
  externalId: string | null;
  custom: Record<string, unknown>;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface CreateConversationInput {
  customerId: string;
  name: string;
  /** @default 'open' */
  status?: 'open' | 'done';
  priority?: Priority;
  /** @default 'in' */
  direction?: 'in' | 'out';
  assignedTeams?: string[];
  tags?: string[];
  externalId?: string;
  custom?: Record<string, unknown>;
}

export interface UpdateConversationInput {
  name?: string;
  status?: ConversationStatus;
  priority?: Priority;
  assignedTeams?: string[];
  tags?: string[];
  custom?: Record<string, unknown>;
}

export interface TranscriptMessageInput {
  /** Unique per conversation; the idempotency handle for the message. */
  externalId: string;
  direction: 'in' | 'out';
  text: string;
  sentAt: string;
  meta?: Record<string, unknown>;
}

/** An uploaded attachment as a message references it (create-message `attachments`). */
export interface AttachmentRef {
  _id: string;
  name: string;
  contentType: string;
  contentLength: number;
}

/** A customer message after the hand-off, recorded live (no importedAt). */
export interface LiveMessageInput {
  /** Unique per conversation; looked up after an ambiguous failure before sending again. */
  externalId: string;
  text: string;
  sentAt: string;
  meta?: Record<string, unknown>;
  /** Uploaded attachments the message carries, as create-message's `attachments` items. */
  attachments?: AttachmentRef[];
}

export interface Message {
  id: string;
  conversationId: string | null;
  customerId: string | null;
  /** null when absent or unknown. */
  direction: 'in' | 'out' | null;
  channel: string | null;
  /** The integration that created it (ours is KUSTOMER_APP). */
  app: string | null;
  preview: string | null;
  externalId: string | null;
  sentAt: string | null;
  createdAt: string | null;
  /** Set on messages imported from elsewhere (our transcript lines carry it). */
  importedAt: string | null;
  /** Delivery status: sent, received or error. */
  status: string | null;
  /** Sent by an automation (auto-response, satisfaction survey), not typed by a person. */
  auto: boolean;
}

export interface TranscriptResult {
  /** Messages created by this call (a long line split in parts counts each part). */
  created: number;
  /** Messages that already existed (matched by externalId) and were not created again. */
  skipped: number;
  /** Round trips to Kustomer this call made. */
  requests: number;
}

export interface Note {
  id: string;
  conversationId: string | null;
  body: string | null;
  externalId: string | null;
  /** Users and teams the note mentions (Kustomer's `userMentions` relationship). */
  mentions: string[];
}

export interface CreateNoteInput {
  body: string;
  externalId?: string;
}

export interface Team {
  id: string;
  name: string;
}

export interface AuthToken {
  id: string;
  name: string | null;
  roles: string[];
  orgId: string | null;
  userId: string | null;
  lastTokenChars: string | null;
}

export interface FindOrCreateResult {
  customer: Customer;
  created: boolean;
}

export interface KustomerClient {
  /** Business schedules, agents' work sessions and queue metrics (reads for availability). */
  availability: AvailabilityReads;
  auth: {
    currentToken(options?: CallOptions): Promise<AuthToken>;
    permissionReport(options?: CallOptions & PermissionScope): Promise<PermissionReport>;
  };
  customers: {
    get(id: string, options?: CallOptions): Promise<Customer | null>;
    getByEmail(email: string, options?: CallOptions): Promise<Customer | null>;
    getByExternalId(externalId: string, options?: CallOptions): Promise<Customer | null>;
    getByPhone(phone: string, options?: CallOptions): Promise<Customer | null>;
    create(input: CreateCustomerInput, options?: CallOptions): Promise<Customer>;
    update(
      id: string,
      patch: Partial<CreateCustomerInput>,
      options?: CallOptions,
    ): Promise<Customer>;
    /**
     * Cache, then externalId -> email -> phone lookups, then create; a create rejected as a
     * duplicate (another escalation won the race) is answered by looking up again.
     */
    findOrCreate(identity: CreateCustomerInput, options?: CallOptions): Promise<FindOrCreateResult>;
    /** The customer cached for this identity, without a request. */
    cached(identity: CustomerIdentityInput): Customer | null;
  };
  conversations: {
    create(input: CreateConversationInput, options?: CallOptions): Promise<Conversation>;
    get(id: string, options?: CallOptions): Promise<Conversation | null>;
    getByExternalId(externalId: string, options?: CallOptions): Promise<Conversation | null>;
    update(
      id: string,
      patch: UpdateConversationInput,
      options?: CallOptions,
    ): Promise<Conversation>;
  };
  messages: {
    /**
     * Adds transcript lines to a conversation in as few requests as possible (bulk jobs of at most
     * 100, followed until their lines land), splitting text longer than 10,240 characters into
     * numbered parts, never cutting it. With `resume: true` it first lists the conversation's
     * messages and skips externalIds that already exist (use after an ambiguous failure); with a
     * `journal` it keeps the jobs in flight where a later call finds them. Throws
     * BulkJobPendingError when a job's outcome cannot be known yet.
     */
    addTranscript(
      conversationId: string,
      messages: TranscriptMessageInput[],
      options?: TranscriptOptions,
    ): Promise<TranscriptResult>;
    listForConversation(conversationId: string, options?: CallOptions): Promise<Message[]>;
    /** One live inbound message (direction in, no importedAt): notifies the agent. */
    createLive(
      conversationId: string,
      input: LiveMessageInput,
      options?: CallOptions,
    ): Promise<Message>;
  };
  attachments: ReturnType<typeof createAttachments>;
  /** The outbound webhooks that deliver Kustomer's events to the app (provisioning only). */
  outboundWebhooks: OutboundWebhooksResource;
  notes: {
    create(conversationId: string, input: CreateNoteInput, options?: CallOptions): Promise<Note>;
    /** Existing note on the conversation with this externalId, or null. */
    findByExternalId(
      conversationId: string,
      externalId: string,
      options?: CallOptions,
    ): Promise<Note | null>;
  };
  teams: {
    /** All teams (follows links.next), cached; `fresh` bypasses the cache. */
    list(options?: CallOptions & { fresh?: boolean }): Promise<Team[]>;
  };
  /** Queues and work items (Kustomer's Queues and Routing). */
  routing: ReturnType<typeof createRoutingQueues>;
  /** SLA policies and their first-response rule. */
  slas: ReturnType<typeof createSlas>;
  /** Link to a conversation in the Kustomer app, or null when the org host is unknown. */
  conversationUrl(conversationId: string): string | null;
  metrics(): MetricsSnapshot;
}

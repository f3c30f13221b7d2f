/**
 * What an escalation looks like in Kustomer: the conversation body, the transcript lines and the
 * internal note. Pure functions; every externalId is derived from the escalationId so that a
 * retried or resumed escalation finds what an earlier attempt already wrote.
 */
import type {
  CreateConversationInput,
  CreateNoteInput,
  TranscriptMessageInput,
} from '../kustomer/types.js';
import { sanitizeTag } from '../kustomer/limits.js';
import type { AvailabilitySnapshot } from '../shared/availability.js';
import type { EscalationRequest } from '../shared/escalation.js';
import { formatOpening, maskEmail } from '../shared/opening-time.js';
import { PRIORITY_LABELS } from '../shared/priority.js';
import type { IntegrationSettings } from '../shared/settings.js';
import type { RoutingDecision } from './record.js';

const REASON_TEXT: Record<EscalationRequest['reason'], string> = {
  user_requested: 'customer requested a human',
  low_confidence: 'the bot was not confident',
  negative_sentiment: 'the customer seemed unhappy',
  keyword: 'a keyword asked for a person',
  bot_error: 'the bot failed',
};

export const ESCALATION_TAG = 'chatbot-escalation';
/** Kustomer: ≤20 tags, each as sanitizeTag makes it (kustomer/limits.ts). */
const MAX_TAGS = 20;
const NOTE_MAX = 10_240;

export const noteExternalId = (escalationId: string): string => `${escalationId}:note`;
export const messageExternalId = (escalationId: string, entryId: string): string =>
  `${escalationId}:${entryId}`;

export function reasonText(reason: EscalationRequest['reason']): string {
  return REASON_TEXT[reason];
}

export function conversationName(request: EscalationRequest): string {
  const prefix = request.test ? '[TEST] ' : '';
  const topic = request.intent ? `${request.intent} ` : '';
  return `${prefix}Chatbot escalation: ${topic}(${reasonText(request.reason)})`.slice(0, 256);
}

export function conversationTags(request: EscalationRequest): string[] {
  const raw = [
    ESCALATION_TAG,
    request.intent,
    request.test ? 'test' : undefined,
    ...(request.tags ?? []),
  ];
  const tags: string[] = [];
  for (const candidate of raw) {
    if (candidate === undefined) continue;
    const tag = sanitizeTag(candidate);
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags.slice(0, MAX_TAGS);
}

/** Custom attributes are suffix-typed on the Klass; a value of the wrong type would be rejected. */
function coerceAttribute(key: string, value: string | number | boolean): unknown {
  if (key.endsWith('Num')) {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (key.endsWith('Bool')) {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return undefined;
  }
  if (key.endsWith('At')) {
    const at = new Date(typeof value === 'boolean' ? NaN : value);
    return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
  }
  return String(value);
}

export function conversationCustom(
  request: EscalationRequest,
  allowed: readonly string[],
): Record<string, unknown> | undefined {
  const custom: Record<string, unknown> = {};
  for (const key of allowed) {
    const value = request.attributes?.[key];
    if (value === undefined) continue;
    const coerced = coerceAttribute(key, value);
    if (coerced !== undefined) custom[key] = coerced;
  }
  return Object.keys(custom).length ? custom : undefined;
}

export function conversationInput(
  request: EscalationRequest,
  customerId: string,
  routing: RoutingDecision,
  settings: Pick<IntegrationSettings, 'conversationAttributes'>,
): CreateConversationInput {
  const custom = conversationCustom(request, settings.conversationAttributes);
  return {
    customerId,
    name: conversationName(request),
    status: 'open',
    priority: routing.priority,
    direction: 'in',
    ...(routing.teamId ? { assignedTeams: [routing.teamId] } : {}),
    tags: conversationTags(request),
    externalId: request.escalationId,
    ...(custom ? { custom } : {}),
  };
}

export function transcriptMessages(request: EscalationRequest): TranscriptMessageInput[] {
  return request.transcript.map((entry) => ({
    externalId: messageExternalId(request.escalationId, entry.id),
    direction: entry.role === 'user' ? 'in' : 'out',
    text: entry.text,
    sentAt: entry.at,
    meta: { role: entry.role, sessionId: request.sessionId },
  }));
}

/** ", queue Billing" when routing puts the conversation in a Kustomer queue (by id without its name). */
function queuePart(routing: RoutingDecision): string {
  if (!routing.queueId) return '';
  return `, queue ${routing.queueName ?? routing.queueId}`;
}

export function noteInput(
  request: EscalationRequest,
  routing: RoutingDecision,
  sessionUrl: string | null,
  availability?: AvailabilitySnapshot,
): CreateNoteInput {
  const team = routing.teamName ?? routing.teamId ?? 'none (default inbox)';
  const lines = [
    request.test ? '[TEST] This is a test escalation sent from the Integrations page.' : null,
    `Escalated by the chatbot: ${reasonText(request.reason)}.`,
    availability ? availabilityLine(availability, request.customer) : null,
    request.intent ? `Intent: ${request.intent}` : null,
    `Routing: team ${team}, priority ${routing.priority} (${PRIORITY_LABELS[routing.priority]})${queuePart(routing)}. ${routing.explanation}`,
    sessionUrl ? `Chat session: ${sessionUrl}` : `Chat session: ${request.sessionId}`,
    request.summary ? `\nBot summary:\n${request.summary}` : null,
  ];
  let body = lines.filter((line) => line !== null).join('\n');
  if (body.length > NOTE_MAX) body = `${body.slice(0, NOTE_MAX - 1)}…`;
  return { body, externalId: noteExternalId(request.escalationId) };
}

/**
 * What the agent must know when nobody could answer at once: it came out of hours (or with no
 * agent available) and what the customer was promised. Null when it came in open.
 */
function availabilityLine(
  availability: AvailabilitySnapshot,
  customer: EscalationRequest['customer'],
): string | null {
  const reopening = availability.nextOpenAt
    ? `, reopening ${formatOpening(availability.nextOpenAt, availability.timeZone)}`
    : '';
  const when =
    availability.reason === 'closed' || availability.reason === 'holiday'
      ? `Came in out of hours (${availability.reason === 'holiday' ? 'holiday' : 'closed'}${reopening}).`
      : availability.reason === 'no_agents'
        ? 'Came in while no agent was available.'
        : null;
  if (!when) return null;
  const email = customer.email ? ` to ${maskEmail(customer.email)}` : '';
  return availability.followUp === 'email'
    ? `${when} The customer was told we will reply by email${email}: reply by email.`
    : `${when} The customer was told an agent will answer in the chat, or by email${email} if they leave.`;
}

/** j***@example.com, ***0123, ab***: enough for an operator to recognise, not to harvest. */
export function maskIdentity(customer: EscalationRequest['customer']): string {
  if (customer.email) {
    const [local = '', domain = ''] = customer.email.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (customer.phone) return `***${customer.phone.slice(-4)}`;
  if (customer.externalId) return `${customer.externalId.slice(0, 2)}***`;
  return '***';
}

/**
 * A scripted demo bot: enough to show the hand-off. It recognises a few intents, notices when
 * the customer asks for a person or is unhappy, and says when it is unsure.
 */
import type { EscalationReason, TranscriptEntry } from '../entry/react.js';

export interface BotTurn {
  reply: string;
  intent: string;
  /** Set when the bot thinks a person should take over. */
  escalate: EscalationReason | null;
}

const INTENTS: [string, RegExp, string][] = [
  [
    'billing',
    /\b(bill|billing|invoice|refund|charge|payment|price)\w*/i,
    'I can explain charges and refunds. Refunds for orders under 30 days old are automatic; anything else needs a person from Billing.',
  ],
  [
    'technical',
    /\b(error|bug|crash|broken|login|password|not working)\b/i,
    'Sorry about that! Try signing out and in again. If it keeps happening, a technician can look at your account.',
  ],
  [
    'shipping',
    /\b(ship|shipping|delivery|track|package|order)\w*/i,
    'Orders ship within two business days; the tracking link is in your confirmation email.',
  ],
];
const HUMAN = /\b(human|person|agent|someone|representative|talk to)\b/i;
const UNHAPPY = /\b(angry|terrible|awful|useless|furious|ridiculous|worst|hate)\b/i;

export function botTurn(text: string): BotTurn {
  const intent = INTENTS.find(([, pattern]) => pattern.test(text));
  if (HUMAN.test(text))
    return {
      reply: 'Of course: I can connect you with our support team.',
      intent: intent?.[0] ?? 'general',
      escalate: 'user_requested',
    };
  if (UNHAPPY.test(text))
    return {
      reply: "I'm sorry this has been frustrating. A person from our team should take this over.",
      intent: intent?.[0] ?? 'general',
      escalate: 'negative_sentiment',
    };
  if (intent) return { reply: intent[2], intent: intent[0], escalate: null };
  return {
    reply:
      "I'm not sure I understood. I can help with billing, technical problems and shipping, or connect you with a person.",
    intent: 'unknown',
    escalate: 'low_confidence',
  };
}

export function summarize(transcript: TranscriptEntry[], intent: string): string {
  const asked = transcript.filter((t) => t.role === 'user').map((t) => t.text);
  return `Intent: ${intent}. The customer wrote: ${asked
    .slice(-3)
    .map((t) => `“${t.slice(0, 200)}”`)
    .join(' ')}`.slice(0, 4000);
}

/** The chat's message list: what each line is and how its delivery is shown. */
import type { TranscriptEntry } from '../shared/escalation.js';

/** Where a message typed after the hand-off is: honest about each step. */
export type Delivery = 'sending' | 'sent' | 'queued' | 'failed';

export interface Line extends TranscriptEntry {
  author?: string | null;
  /** A notice in the list (connected, queued, agent joined, closed), not a message. */
  event?: boolean;
  /** Set on messages sent to the person who has the chat. */
  delivery?: Delivery;
  /** A card number (or an admin's pattern) was hidden before sending. */
  masked?: boolean;
  /** The bot said it will connect the customer: the hand-off is offered on the line itself. */
  offer?: boolean;
  /** A file sent with the message (the customer's), or one an agent sent (with its link). */
  attachment?: { name: string; href?: string };
}

let seq = 0;
/** A message id the server accepts (letters, digits and _ . : -), unique in this tab. */
export const lineId = () => `m${Date.now().toString(36)}${(seq++).toString(36)}`;
export const nowIso = () => new Date().toISOString();

export const DELIVERY_TEXT: Record<Delivery, string> = {
  sending: 'Sending…',
  sent: 'Delivered',
  queued: 'Saved: it reaches the team as soon as they are reachable',
  failed: 'Not sent',
};

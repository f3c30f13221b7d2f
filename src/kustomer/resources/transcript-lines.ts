/**
 * Turns transcript entries into Kustomer message bodies. A message preview holds at most 10,240
 * characters (https://developer.kustomer.com/api/core-resources/create-message); longer text is
 * split into consecutive parts, each its own message with its own externalId, never cut: the
 * parts joined give the text back exactly. The part number goes in `meta`, not in the text. Every
 * externalId is fitted to Kustomer's 256 characters (fitExternalId).
 *
 * SLA safety: the bot's lines are outbound messages, and Kustomer's SLA first-response metric "is
 * satisfied by human-authored SENT outbound messages" when its policy is `basedOnHumanInteraction`,
 * and by "any customer-visible SENT outbound" otherwise (the legacy rule)
 * (https://developer.kustomer.com/api/core-resources/get-sla-by-id). So every bot line goes with
 * `auto: true` (Kustomer's field for automation-generated messages, "excluded from reporting"
 * in the message schema): no human wrote it, and a policy based on human interaction never takes it
 * for the first response. A legacy policy would still count it, which nothing in the message can
 * prevent; the doctor and the connection test read the org's SLA policies and name those
 * (`src/kustomer/sla-safety.ts`). Customer lines stay inbound: they start SLA clocks, never stop them.
 */
import { fitExternalId } from '../limits.js';
import type { TranscriptMessageInput } from '../types.js';

export const PREVIEW_MAX = 10_240;

export interface MessageLine {
  externalId: string;
  direction: 'in' | 'out';
  preview: string;
  sentAt: string;
  /** The bot's lines: automation-generated, never a person's first response. */
  auto?: true;
  meta?: Record<string, unknown>;
}

/**
 * Parts of at most `max` UTF-16 code units (the unit a JavaScript `maxLength` check counts, and
 * never more than the code points a JSON-schema check counts), without splitting a surrogate pair.
 */
export function splitText(text: string, max = PREVIEW_MAX): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    // Do not end on the high half of a surrogate pair (an emoji, say).
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

export function toLines(messages: TranscriptMessageInput[]): MessageLine[] {
  return messages.flatMap((message) => {
    const parts = splitText(message.text);
    return parts.map((preview, i) => {
      const meta =
        parts.length === 1
          ? message.meta
          : { ...message.meta, part: i + 1, parts: parts.length, of: message.externalId };
      return {
        externalId: fitExternalId(
          parts.length === 1 ? message.externalId : `${message.externalId}:p${i + 1}`,
        ),
        direction: message.direction,
        preview,
        sentAt: message.sentAt,
        ...(message.direction === 'out' ? { auto: true as const } : {}),
        ...(meta ? { meta } : {}),
      };
    });
  });
}

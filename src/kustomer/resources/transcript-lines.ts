/**
 * Turns transcript entries into Kustomer message bodies. A message preview holds at most 10,240
 * characters (https://developer.kustomer.com/api/core-resources/create-message); longer text is
 * split into numbered parts, each its own message with its own externalId, never cut.
 */
import type { TranscriptMessageInput } from '../types.js';

export const PREVIEW_MAX = 10_240;

export interface MessageLine {
  externalId: string;
  direction: 'in' | 'out';
  preview: string;
  sentAt: string;
  meta?: Record<string, unknown>;
}

export function splitText(text: string, max = PREVIEW_MAX): string[] {
  if (text.length <= max) return [text];
  // Leave room for the "(12/34) " prefix; code points are kept whole.
  const chars = Array.from(text);
  const size = max - 16;
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += size) parts.push(chars.slice(i, i + size).join(''));
  return parts.map((part, i) => `(${i + 1}/${parts.length}) ${part}`);
}

export function toLines(messages: TranscriptMessageInput[]): MessageLine[] {
  return messages.flatMap((message) => {
    const parts = splitText(message.text);
    return parts.map((preview, i) => ({
      externalId: parts.length === 1 ? message.externalId : `${message.externalId}:p${i + 1}`,
      direction: message.direction,
      preview,
      sentAt: message.sentAt,
      ...(message.meta ? { meta: message.meta } : {}),
    }));
  });
}

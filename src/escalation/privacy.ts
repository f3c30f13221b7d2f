/**
 * What is masked before text crosses to Kustomer (transcript, later messages, the note): card
 * numbers (Luhn-checked) unless an admin switched it off, and the admin's own patterns.
 */
import { maskCardNumbers } from '../shared/card-mask.js';
import type { EscalationRequest } from '../shared/escalation.js';
import { DEFAULT_PRIVACY, type PrivacySettings } from '../shared/settings.js';

export const REDACTED = '[redacted]';

/** Admin patterns compiled once per distinct list; a pattern that does not compile is skipped. */
let compiled: { key: string; patterns: RegExp[] } | null = null;
function patternsOf(sources: readonly string[]): RegExp[] {
  const key = sources.join('\u0000');
  if (compiled?.key !== key) {
    const patterns = sources.flatMap((source) => {
      try {
        return [new RegExp(source, 'gu')];
      } catch {
        return [];
      }
    });
    compiled = { key, patterns };
  }
  return compiled.patterns;
}

export function maskText(
  text: string,
  privacy: PrivacySettings | undefined,
): { text: string; masked: boolean } {
  const rules = privacy ?? DEFAULT_PRIVACY;
  let out = text;
  let masked = false;
  if (rules.maskCardNumbers) {
    const cards = maskCardNumbers(out);
    out = cards.text;
    masked = cards.count > 0;
  }
  for (const pattern of patternsOf(rules.patterns)) {
    const next = out.replace(pattern, (match) => (match === '' ? match : REDACTED));
    if (next !== out) masked = true;
    out = next;
  }
  return { text: out, masked };
}

/** The escalation as it may be stored and sent: transcript and summary masked. */
export function maskRequest(
  request: EscalationRequest,
  privacy: PrivacySettings | undefined,
): EscalationRequest {
  const transcript = request.transcript.map((entry) => ({
    ...entry,
    text: maskText(entry.text, privacy).text,
  }));
  const summary =
    request.summary === undefined ? {} : { summary: maskText(request.summary, privacy).text };
  return { ...request, transcript, ...summary };
}

/** How the analytics figures read: durations, reasons and rules in words. */
import type { EscalationReason } from '../../../shared/escalation.js';

/** 850 ms, 4.2 s, 12 min, 3 h 05 min, 2 d 4 h: as precise as a glance needs. */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  }
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const REASONS: Record<EscalationReason, string> = {
  user_requested: 'Customer asked for a person',
  low_confidence: "Bot didn't understand",
  negative_sentiment: 'Customer was upset',
  keyword: 'Keyword',
  bot_error: 'Bot error',
};

export const reasonText = (reason: string): string =>
  REASONS[reason as EscalationReason] ?? reason.replace(/_/g, ' ');

export function ruleText(rule: { ruleId: string | null; name: string | null }): string {
  if (rule.ruleId === null) return 'No rule matched (defaults)';
  return rule.name ?? `${rule.ruleId} (deleted rule)`;
}

/** 1 Dec, from a UTC day. */
export function dayText(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

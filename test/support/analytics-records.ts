/**
 * Many escalation records as a busy org's store holds them: spread over the last days, every
 * outcome, reasons, routing rules, out-of-hours asks, and waits from under a second to hours.
 * Seeded, so a failure can be replayed.
 */
import { newRecord } from '../../src/escalation/records.js';
import type { EscalationStore } from '../../src/escalation/store.js';
import type { EscalationRecord } from '../../src/escalation/record.js';
import { ESCALATION_REASONS } from '../../src/shared/escalation.js';
import { mulberry32 } from '../../src/sandbox/faults.js';

const STATES = ['done', 'done', 'done', 'conversation_created', 'queued', 'dead', 'refused'];
const RULES = [null, 'billing', 'vip', 'outage'];

function recordAt(i: number, at: number, next: () => number): EscalationRecord {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const id = `bulk-${i}`;
  const record = newRecord(
    {
      escalationId: id,
      sessionId: `chat-${id}`,
      customer: { email: `${id}@example.com` },
      transcript: [{ id: 'm1', role: 'user', text: 'I need a person', at: iso(at) }],
      reason: pick(ESCALATION_REASONS),
    },
    iso(at),
  );
  const state = pick(STATES) as EscalationRecord['state'];
  const answered = state === 'done' || state === 'conversation_created';
  const ruleId = pick(RULES);
  return {
    ...record,
    state,
    routing: answered
      ? { teamId: null, teamName: null, priority: 3, ruleId, explanation: 'seeded' }
      : null,
    escalatedAt: answered ? iso(at + 300 + Math.floor(next() * 4_000)) : undefined,
    firstReplyAt:
      answered && next() < 0.7 ? iso(at + 30_000 + Math.floor(next() * 3 * 3_600_000)) : undefined,
    ...(next() < 0.2 ? { availability: { open: false, reason: 'closed' } } : {}),
  } as EscalationRecord;
}

/** Inserts `count` records created over the `days` days up to `now`; returns them. */
export async function seedRecords(
  store: EscalationStore,
  options: { count: number; now: number; days: number; seed?: number },
): Promise<EscalationRecord[]> {
  const next = mulberry32(options.seed ?? 1);
  const span = options.days * 86_400_000 - 1;
  const start = Math.floor(options.now / 86_400_000) * 86_400_000 - (options.days - 1) * 86_400_000;
  const records = Array.from({ length: options.count }, (_, i) =>
    recordAt(i, start + Math.floor(next() * Math.min(span, options.now - start)), next),
  );
  for (let i = 0; i < records.length; i += 250) {
    await Promise.all(records.slice(i, i + 250).map((record) => store.records.insert(record)));
  }
  return records;
}

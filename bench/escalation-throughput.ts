/**
 * Escalations per minute sustained under an org-wide rate limit, with zero failures: workers
 * escalate continuously for a while (half of them repeat customers); whatever Kustomer's budget
 * does not take at once is queued and drained afterwards. At the end every escalation must be in
 * the sandbox exactly once and none may be dead.
 *
 *   npx tsx bench/escalation-throughput.ts [orgLimitPerMin] [durationSeconds]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { createMemoryStore } from '../src/escalation/stores/index.js';
import { createEscalationService } from '../src/escalation/service.js';
import { createSettingsService } from '../src/escalation/settings.js';
import { createKustomerClient } from '../src/kustomer/client.js';
import { startSandbox } from '../src/sandbox/server.js';
import { escalationRequest, transcript } from '../test/escalation/helpers/requests.js';

export interface ThroughputReport {
  orgLimitPerMin: number;
  durationMs: number;
  escalations: number;
  escalatedAtOnce: number;
  queued: number;
  deliveredPerMin: number;
  rateLimited: number;
  dead: number;
  conversations: number;
  /** Requests the sandbox served per delivered escalation. */
  requestsPerEscalation: number;
  /** Requests served / what the org's budget allowed in the windows the run touched (<= 1). */
  budgetUsed: number;
  drainMs: number;
}

export async function run(
  options: { orgLimitPerMin?: number; durationMs?: number; workers?: number } = {},
): Promise<ThroughputReport> {
  const orgLimitPerMin = options.orgLimitPerMin ?? 1_000;
  const durationMs = options.durationMs ?? 10_000;
  const sandbox = await startSandbox({ orgRateLimitPerMin: orgLimitPerMin });
  sandbox.setFaults({ latencyMs: 20 });
  // KUSTOMER_RATE_LIMIT_PER_MIN set to the org's plan, as in production.
  const client = createKustomerClient({
    baseURL: sandbox.url,
    apiKey: sandbox.apiKey,
    rateLimitPerMin: orgLimitPerMin,
  });
  const store = createMemoryStore();
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
    backoff: { baseMs: 500, maxMs: 5_000 },
    maxAttempts: 1_000,
  });
  const emails = Array.from({ length: 20 }, (_, i) => `regular-${i}@example.com`);
  const ids: string[] = [];
  let escalatedAtOnce = 0;
  const end = Date.now() + durationMs;
  const worker = async (n: number) => {
    for (let i = 0; Date.now() < end; i++) {
      const repeat = i % 2 === 0;
      const request = escalationRequest({
        transcript: transcript(1 + ((i * 7 + n) % 30)),
        ...(repeat ? { customer: { email: emails[(i + n) % emails.length]! } } : {}),
      });
      ids.push(request.escalationId);
      const result = await service.escalate(request);
      if (result.status === 'escalated') escalatedAtOnce += 1;
      else await sleep(250); // a chat does not hammer a queue that is already saying "later"
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: options.workers ?? 8 }, (_, n) => worker(n)));
  const drainStarted = Date.now();
  for (;;) {
    const summary = await service.outboxSummary();
    if (summary.queued + summary.retrying === 0) break;
    await service.drain({ limit: 100 });
    await sleep(250);
  }
  const finished = Date.now();
  const state = sandbox.state();
  const summary = await service.outboxSummary();
  const report: ThroughputReport = {
    orgLimitPerMin,
    durationMs,
    escalations: ids.length,
    escalatedAtOnce,
    queued: ids.length - escalatedAtOnce,
    deliveredPerMin: Math.round((ids.length / (finished - started)) * 60_000),
    rateLimited: state.requests.rateLimited,
    dead: summary.dead,
    conversations: new Set(state.conversations.map((c) => c.externalId)).size,
    requestsPerEscalation: Math.round((state.requests.total / ids.length) * 10) / 10,
    budgetUsed:
      Math.round(
        (state.requests.total /
          (orgLimitPerMin * (Math.floor(finished / 60_000) - Math.floor(started / 60_000) + 1))) *
          100,
      ) / 100,
    drainMs: finished - drainStarted,
  };
  await service.close();
  await sandbox.close();
  console.log('Escalation throughput under an org rate limit');
  console.table([report]);
  if (
    report.dead > 0 ||
    report.conversations !== ids.length ||
    state.conversations.length !== ids.length
  ) {
    throw new Error('throughput run lost or duplicated escalations');
  }
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [limit, seconds] = process.argv.slice(2).map(Number);
  await run({
    orgLimitPerMin: limit || undefined,
    durationMs: seconds ? seconds * 1000 : undefined,
  });
}

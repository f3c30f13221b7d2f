/**
 * How soon the chat hears `escalated` when availability is checked (uncached: schedule, agents
 * and waits asked of Kustomer each time), with the check beside the first steps (the module) and
 * with the check before them (the order the module had before: check, then the attempt), the
 * sandbox answering every request after 50 ms, a new customer each time, in the same process.
 *
 *   npx tsx bench/availability-overlap.ts
 */
import { pathToFileURL } from 'node:url';
import { createAvailabilityCheck } from '../src/escalation/availability/availability-check.js';
import { availabilityFor } from '../src/escalation/availability/escalation-availability.js';
import { createEscalationService } from '../src/escalation/service.js';
import { createSettingsService } from '../src/escalation/settings.js';
import { createMemoryStore } from '../src/escalation/stores/index.js';
import { createKustomerClient } from '../src/kustomer/client.js';
import { startSandbox } from '../src/sandbox/server.js';
import type { EscalationRequest } from '../src/shared/escalation.js';
import { escalationRequest } from '../test/escalation/helpers/requests.js';
import { percentile } from './percentile.js';

const LATENCY_MS = 50;

export interface OverlapRow {
  order: 'alongside' | 'before';
  escalatedP50Ms: number;
  /** Requests made one after another before the chat was answered (ms / latency). */
  tripsToEscalated: number;
}

export async function run(options: { iterations?: number } = {}): Promise<OverlapRow[]> {
  const iterations = options.iterations ?? 8;
  const sandbox = await startSandbox({ bulkJobMs: 50, orgRateLimitPerMin: 1_000_000 });
  const client = createKustomerClient({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const check = createAvailabilityCheck({ client });
  const service = (withCheck: boolean) => {
    const store = createMemoryStore();
    const settings = createSettingsService({ store, client });
    return {
      settings,
      service: createEscalationService({
        client,
        store,
        settings,
        ...(withCheck ? { availability: check } : {}),
      }),
    };
  };
  const alongside = service(true);
  const plain = service(false);
  // The order the module had: the check answered first, then the attempt.
  const before = async (request: EscalationRequest) => {
    await availabilityFor(check, request, await plain.settings.get(), Date.now());
    return plain.service.escalate(request);
  };
  const orders = [
    ['alongside', (r: EscalationRequest) => alongside.service.escalate(r)],
    ['before', before],
  ] as const;
  const times: Record<OverlapRow['order'], number[]> = { alongside: [], before: [] };
  try {
    await client.teams.list(); // a running server has the team list cached
    sandbox.setFaults({ latencyMs: LATENCY_MS });
    for (let i = 0; i < iterations; i++) {
      // Interleaved, so drift in the machine's load falls on both alike.
      for (const [order, escalate] of orders) {
        check.forget(); // uncached: Kustomer is asked every time
        const started = performance.now();
        const result = await escalate(escalationRequest());
        if (result.status !== 'escalated') throw new Error(`${order}: ${result.status}`);
        times[order].push(performance.now() - started);
      }
    }
    await Promise.all([alongside.service.idle(), plain.service.idle()]);
  } finally {
    await alongside.service.close();
    await plain.service.close();
    await sandbox.close();
  }
  const rows = orders.map(([order]) => {
    const p50 = Math.round(percentile(times[order], 50));
    return { order, escalatedP50Ms: p50, tripsToEscalated: Math.floor(p50 / LATENCY_MS) };
  });
  console.log(`Availability check beside the first steps or before them: ${LATENCY_MS} ms/request`);
  console.table(rows);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}

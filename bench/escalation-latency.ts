/**
 * Escalation latency (p50/p95) and round trips for a new, a known and a cached customer, with the
 * sandbox answering every request after 50 ms, side by side with the naive implementation
 * (every call in sequence, one request per transcript line, no cache).
 *
 *   npx tsx bench/escalation-latency.ts
 */
import { pathToFileURL } from 'node:url';
import { createMemoryStore } from '../src/escalation/stores/index.js';
import { createEscalationService } from '../src/escalation/service.js';
import { createSettingsService } from '../src/escalation/settings.js';
import { createKustomerClient } from '../src/kustomer/client.js';
import { startSandbox } from '../src/sandbox/server.js';
import type { SandboxHandle } from '../src/sandbox/types.js';
import type { EscalationRequest } from '../src/shared/escalation.js';
import { escalationRequest, transcript } from '../test/escalation/helpers/requests.js';
import { createNaiveEscalator } from './escalation-naive.js';
import { percentile } from './percentile.js';

export interface LatencyRow {
  implementation: 'module' | 'naive';
  customer: 'new' | 'known' | 'cached';
  p50Ms: number;
  p95Ms: number;
  requests: number;
  sequential: number;
}

const LATENCY_MS = 50;

async function createCustomer(sandbox: SandboxHandle, email: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ emails: [{ email }] }),
  });
  if (!response.ok) throw new Error(`creating a customer failed: ${response.status}`);
}

type Escalate = (request: EscalationRequest) => Promise<unknown>;

async function measure(
  sandbox: SandboxHandle,
  escalate: Escalate,
  kind: LatencyRow['customer'],
  iterations: number,
): Promise<Omit<LatencyRow, 'implementation' | 'customer'>> {
  const times: number[] = [];
  let requests = 0;
  for (let i = 0; i < iterations; i++) {
    const request = escalationRequest({ transcript: transcript(10) });
    const email = request.customer.email!;
    if (kind === 'known') await createCustomer(sandbox, email);
    if (kind === 'cached') await escalate(escalationRequest({ customer: { email } }));
    const before = sandbox.state().requests.total;
    const started = performance.now();
    await escalate(request);
    times.push(performance.now() - started);
    requests += sandbox.state().requests.total - before;
  }
  const p50Ms = Math.round(percentile(times, 50));
  return {
    p50Ms,
    p95Ms: Math.round(percentile(times, 95)),
    requests: Math.round((requests / iterations) * 10) / 10,
    // Every request waits LATENCY_MS, so the time says how many waited one after another.
    sequential: Math.floor(p50Ms / LATENCY_MS),
  };
}

export async function run(options: { iterations?: number } = {}): Promise<LatencyRow[]> {
  const iterations = options.iterations ?? 15;
  const sandbox = await startSandbox({
    orgRateLimitPerMin: 1_000_000,
    perCustomerCreateLimitPerMin: 1_000_000,
  });
  const client = createKustomerClient({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const store = createMemoryStore();
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
    // Never the limit here: a 10-line escalation takes well under a second. It must stay below
    // the lease (60 s by default), which the service checks.
    escalateDeadlineMs: 30_000,
  });
  const naive = createNaiveEscalator({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const rows: LatencyRow[] = [];
  try {
    await client.teams.list(); // warm the team cache, as a running server has it
    sandbox.setFaults({ latencyMs: LATENCY_MS });
    for (const customer of ['new', 'known', 'cached'] as const) {
      for (const [implementation, escalate] of [
        ['module', (r: EscalationRequest) => service.escalate(r)],
        ['naive', naive],
      ] as const) {
        rows.push({
          implementation,
          customer,
          ...(await measure(sandbox, escalate, customer, iterations)),
        });
      }
    }
  } finally {
    await service.close();
    await sandbox.close();
  }
  console.log(
    `Escalation latency, sandbox latency ${LATENCY_MS} ms per request, 10-line transcript`,
  );
  console.table(rows);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}

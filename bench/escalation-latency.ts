/**
 * How soon the chat hears `escalated`, and how soon the transcript is on the timeline, for a new,
 * a known and a cached customer, with the sandbox answering every request after 50 ms and running
 * bulk jobs the way Kustomer does (asynchronously; 5 s each here), side by side with the naive
 * implementation (every call in sequence, one request per transcript line, no cache), with a
 * 20-line transcript.
 *
 * Reported per row: round trips and ms until the answer, ms until every transcript line is on
 * the timeline, ms from there until the escalation is recorded `done`, and requests per
 * escalation (polls included). The module is measured after one job has been seen, as on a
 * running server (it times its polls from the jobs it saw).
 *
 *   npx tsx bench/escalation-latency.ts
 */
import { pathToFileURL } from 'node:url';
import { createEscalationService } from '../src/escalation/service.js';
import { createSettingsService } from '../src/escalation/settings.js';
import { createMemoryStore } from '../src/escalation/stores/index.js';
import { createKustomerClient } from '../src/kustomer/client.js';
import { startSandbox } from '../src/sandbox/server.js';
import type { SandboxHandle } from '../src/sandbox/types.js';
import { createCustomer } from './sandbox-customer.js';
import type { EscalationRequest } from '../src/shared/escalation.js';
import { escalationRequest, transcript } from '../test/escalation/helpers/requests.js';
import { createNaiveEscalator } from './escalation-naive.js';
import { percentile } from './percentile.js';
import { createTimeline } from './timeline-watch.js';

export interface LatencyRow {
  implementation: 'module' | 'naive';
  customer: 'new' | 'known' | 'cached';
  /** Requests made one after another before the chat heard `escalated` (ms / latency). */
  tripsToEscalated: number;
  escalatedP50Ms: number;
  escalatedP95Ms: number;
  /** Until every transcript line is on the conversation's timeline. */
  transcriptP50Ms: number;
  /** From the last line landing to the escalation recorded `done` (its note is there earlier). */
  doneAfterTranscriptP50Ms: number;
  /** Every request per escalation, polls included, once it is done. */
  requests: number;
}

const LATENCY_MS = 50;
const LINES = 20;
type Kind = LatencyRow['customer'];

interface Implementation {
  escalate(request: EscalationRequest): Promise<unknown>;
  /** Makes the customer known to Kustomer, or to the implementation's cache. */
  prepare(kind: Kind, email: string): Promise<void>;
  /** Resolves when the escalation is recorded done (the naive flow is done when it answers). */
  done(escalationId: string): Promise<void>;
}

async function measure(
  sandbox: SandboxHandle,
  impl: Implementation,
  kind: Kind,
  iterations: number,
): Promise<Omit<LatencyRow, 'implementation' | 'customer'>> {
  const requests = Array.from({ length: iterations }, () =>
    escalationRequest({ transcript: transcript(LINES) }),
  );
  for (const r of requests) await impl.prepare(kind, r.customer.email!);
  const before = sandbox.state().requests.total;
  const answers: number[] = [];
  const landed: number[] = [];
  const doneAfter: number[] = [];
  const timelines: Promise<void>[] = [];
  for (const request of requests) {
    const started = performance.now();
    const timeline = createTimeline(sandbox, request.escalationId, LINES);
    const answered = impl.escalate(request).then(() => {
      answers.push(performance.now() - started);
    });
    const done = answered.then(() => impl.done(request.escalationId)).then(() => performance.now());
    // The next escalation starts while this one's job runs, as they would in production.
    timelines.push(
      Promise.all([timeline, done]).then(([linesAt, doneAt]) => {
        landed.push(linesAt - started);
        doneAfter.push(Math.max(0, doneAt - linesAt));
      }),
    );
    await answered;
  }
  await Promise.all(timelines);
  const p50 = (values: number[]) => Math.round(percentile(values, 50));
  return {
    tripsToEscalated: Math.floor(p50(answers) / LATENCY_MS),
    escalatedP50Ms: p50(answers),
    escalatedP95Ms: Math.round(percentile(answers, 95)),
    transcriptP50Ms: p50(landed),
    doneAfterTranscriptP50Ms: p50(doneAfter),
    requests: Math.round(((sandbox.state().requests.total - before) / iterations) * 10) / 10,
  };
}

export async function run(
  options: { iterations?: number; jobMs?: number } = {},
): Promise<LatencyRow[]> {
  const iterations = options.iterations ?? 5;
  const jobMs = options.jobMs ?? 5_000;
  const sandbox = await startSandbox({
    orgRateLimitPerMin: 1_000_000,
    perCustomerCreateLimitPerMin: 1_000_000,
    bulkJobMs: jobMs,
  });
  const client = createKustomerClient({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const store = createMemoryStore();
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
  });
  const module: Implementation = {
    escalate: (r) => service.escalate(r),
    async prepare(kind, email) {
      if (kind === 'known') await createCustomer(sandbox, email);
      // A customer this server escalated before is in its cache.
      if (kind === 'cached') await client.customers.findOrCreate({ email });
    },
    async done(id) {
      // Read, not awaited through idle(): other escalations' jobs are running meanwhile.
      for (let i = 0; i < 20_000 && (await service.status(id))?.state !== 'done'; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  const naiveEscalate = createNaiveEscalator({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const naive: Implementation = {
    escalate: naiveEscalate,
    prepare: async (kind, email) => {
      if (kind !== 'new') await createCustomer(sandbox, email);
    },
    done: async () => {},
  };
  const rows: LatencyRow[] = [];
  try {
    await client.teams.list(); // warm the team cache, as a running server has it
    sandbox.setFaults({ latencyMs: LATENCY_MS });
    // One escalation first, as a running server has seen jobs complete and times its polls.
    await module.escalate(escalationRequest({ transcript: transcript(LINES) }));
    await service.idle();
    for (const customer of ['new', 'known', 'cached'] as const) {
      for (const [implementation, impl] of [
        ['module', module],
        ['naive', naive],
      ] as const) {
        rows.push({
          implementation,
          customer,
          ...(await measure(sandbox, impl, customer, iterations)),
        });
      }
    }
  } finally {
    await service.close();
    await sandbox.close();
  }
  console.log(
    `Escalation latency: ${LATENCY_MS} ms per request, bulk jobs of ${jobMs} ms, ${LINES}-line transcript`,
  );
  console.table(rows);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}

/**
 * `npm run bench`: every benchmark, each against a baseline run in the same process, reported as
 * ratios (machines here are noisy; absolute milliseconds are not comparable between runs).
 *
 *   npm run bench                 # latency (bulk jobs of 5 s); 10 s of escalations under a
 *                                 # 1,000/min org limit;
 *                                 # a burst of 320 lookups under a 100/min org limit;
 *                                 # the analytics read over 10,000 escalations (Redis);
 *                                 # the availability check beside the first steps or before
 *   npm run bench -- --long       # throughput for 60 s
 */
import { run as runStrategy } from './customer-strategy.js';
import { run as runLatency, type LatencyRow } from './escalation-latency.js';
import { run as runThroughput } from './escalation-throughput.js';
import { run as runBurst } from './lookup-burst.js';
import { run as runAnalytics } from './analytics-read.js';
import { run as runOverlap } from './availability-overlap.js';

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);

function latencyRatios(rows: LatencyRow[]) {
  return (['new', 'known', 'cached'] as const).map((customer) => {
    const module = rows.find((r) => r.customer === customer && r.implementation === 'module')!;
    const naive = rows.find((r) => r.customer === customer && r.implementation === 'naive')!;
    return {
      customer,
      'trips to escalated (module, naive)': `${module.tripsToEscalated}, ${naive.tripsToEscalated}`,
      'ms to escalated module/naive': ratio(module.escalatedP50Ms, naive.escalatedP50Ms),
      'ms to transcript module/naive': ratio(module.transcriptP50Ms, naive.transcriptP50Ms),
      'done after last line (module ms)': module.doneAfterTranscriptP50Ms,
      'requests (module, naive)': `${module.requests}, ${naive.requests}`,
    };
  });
}

const long = process.argv.includes('--long');
const latency = await runLatency();
await runStrategy();
const throughput = await runThroughput({ durationMs: long ? 60_000 : 10_000 });
const [burstModule, burstNaive] = await runBurst();
const [analyticsModule, analyticsNaive] = await runAnalytics();
const [alongside, before] = await runOverlap();

console.log('\nSummary (ratios against the naive baseline measured in this run)');
console.table(latencyRatios(latency));
// The org's budget caps deliveries; budgetUsed says how much of it the module turned into
// deliveries (the sandbox's windows are whole minutes, as Kustomer's are), with zero loss.
console.table([
  {
    'org limit/min': throughput.orgLimitPerMin,
    'delivered/min': throughput.deliveredPerMin,
    'requests per escalation': throughput.requestsPerEscalation,
    'budget used': `${Math.round(throughput.budgetUsed * 100)}%`,
    'lost or duplicated': throughput.escalations - throughput.conversations,
    dead: throughput.dead,
    '429s earned': throughput.rateLimited,
  },
]);
// A burst several minutes of budget long: the module waits its turn, the naive client is refused.
console.table([
  {
    lookups: burstModule!.lookups,
    'requests module/naive': ratio(burstModule!['requests sent'], burstNaive!['requests sent']),
    '429s received (module, naive)': `${burstModule!['429s received']}, ${burstNaive!['429s received']}`,
    '429s surfaced (module, naive)': `${burstModule!['429s surfaced']}, ${burstNaive!['429s surfaced']}`,
    'p50 module/naive': ratio(burstModule!['p50 s'], burstNaive!['p50 s']),
  },
]);
// The analytics page: day counters against reading every record, same Redis, same figures.
console.table([
  {
    escalations: analyticsModule!.escalations,
    'loaded (module numbers, naive records)': `${analyticsModule!.loaded}, ${analyticsNaive!.loaded}`,
    'p50 module/naive': ratio(analyticsModule!['p50 ms'], analyticsNaive!['p50 ms']),
  },
]);
// An uncached availability check: beside the customer lookup against before it (the old order).
console.table([
  {
    'trips to escalated (alongside, before)': `${alongside!.tripsToEscalated}, ${before!.tripsToEscalated}`,
    'p50 alongside/before': ratio(alongside!.escalatedP50Ms, before!.escalatedP50Ms),
  },
]);

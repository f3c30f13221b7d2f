/**
 * What looking a customer up and creating it at the same time would cost, against the module's
 * lookup-then-create. Kustomer refuses a second customer with the same email or externalId, so
 * the parallel create makes at most one; the price is a request that a known customer never
 * needed (and a refused create in Kustomer's logs). Measured with the module's own client calls
 * against the sandbox, 50 ms a request; customers in the cache cost nothing either way.
 *
 *   npx tsx bench/customer-strategy.ts
 */
import { pathToFileURL } from 'node:url';
import { createKustomerClient } from '../src/kustomer/client.js';
import type { KustomerClient } from '../src/kustomer/types.js';
import { startSandbox } from '../src/sandbox/server.js';
import type { SandboxHandle } from '../src/sandbox/types.js';
import { createCustomer } from './sandbox-customer.js';

export interface StrategyRow {
  strategy: 'lookup, then create' | 'lookup and create at once';
  customer: 'new' | 'known';
  roundTrips: number;
  requests: number;
  /** Customers with this email in Kustomer afterwards (must be 1). */
  customers: number;
}

const LATENCY_MS = 50;

type Resolve = (client: KustomerClient, email: string) => Promise<unknown>;

const sequential: Resolve = (client, email) => client.customers.findOrCreate({ email });

const parallel: Resolve = async (client, email) => {
  const [found, created] = await Promise.allSettled([
    client.customers.getByEmail(email),
    client.customers.create({ email }),
  ]);
  if (created.status === 'fulfilled') return created.value;
  if (found.status === 'fulfilled' && found.value) return found.value;
  // Created by someone else between the two: look again.
  return client.customers.getByEmail(email);
};

async function once(sandbox: SandboxHandle, resolve: Resolve, known: boolean, n: number) {
  const email = `strategy-${n}-${Date.now()}@example.com`;
  if (known) await createCustomer(sandbox, email);
  // A fresh client each time: nothing cached.
  const client = createKustomerClient({ baseURL: sandbox.url, apiKey: sandbox.apiKey });
  const before = sandbox.state().requests.total;
  const started = performance.now();
  await resolve(client, email);
  const elapsed = performance.now() - started;
  const customers = sandbox
    .state()
    .customers.filter((c) => c.emails.some((e) => e.email === email)).length;
  return {
    roundTrips: Math.floor(elapsed / LATENCY_MS),
    requests: sandbox.state().requests.total - before,
    customers,
  };
}

export async function run(): Promise<StrategyRow[]> {
  const sandbox = await startSandbox({ orgRateLimitPerMin: 1_000_000 });
  const rows: StrategyRow[] = [];
  try {
    sandbox.setFaults({ latencyMs: LATENCY_MS });
    let n = 0;
    await once(sandbox, sequential, false, ++n); // warm-up: the first call pays for loading code
    for (const [strategy, resolve] of [
      ['lookup, then create', sequential],
      ['lookup and create at once', parallel],
    ] as const) {
      for (const customer of ['new', 'known'] as const) {
        rows.push({
          strategy,
          customer,
          ...(await once(sandbox, resolve, customer === 'known', ++n)),
        });
      }
    }
  } finally {
    await sandbox.close();
  }
  console.log(`Customer resolution: ${LATENCY_MS} ms per request, email identity, nothing cached`);
  console.table(rows);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}

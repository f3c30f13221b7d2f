/** `npm run sandbox`: the Kustomer sandbox on its own, for the CLI, curl or another app. */
import { startSandbox } from './server.js';

const port = Number(process.env.SANDBOX_PORT ?? process.env.PORT ?? 4010);
const limit = process.env.SANDBOX_RATE_LIMIT ? Number(process.env.SANDBOX_RATE_LIMIT) : undefined;
const sandbox = await startSandbox({
  port,
  ...(limit ? { orgRateLimitPerMin: limit } : {}),
  log: true,
});
console.log(`Kustomer sandbox listening on ${sandbox.url}`);
console.log(`  KUSTOMER_API_BASE_URL=${sandbox.url}`);
console.log(`  KUSTOMER_API_KEY=${sandbox.apiKey}   (the sandbox's own key, not a secret)`);
console.log(`  inspect: curl ${sandbox.url}/__sandbox/state`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void sandbox.close().then(() => process.exit(0)));
}

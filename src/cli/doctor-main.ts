/**
 * `npm run doctor`: the go-live checklist, checked.
 *
 *   npm run doctor                               table of pass / warn / fail, with the fix for each
 *   npm run doctor -- --json                     the same as JSON ({ ok, counts, checks[] })
 *   npm run doctor -- --production               judge as production (else NODE_ENV / VERCEL_ENV)
 *   npm run doctor -- --expected-per-hour 300    expected volume (else EXPECTED_ESCALATIONS_PER_HOUR)
 *   npm run doctor -- --strict                   warnings fail too
 *
 * Checks: configuration loads; live credentials; no secret in VITE_ variables; debug off in
 * production; Kustomer reachable, region matches the key, key valid; each permission the module
 * needs, and no broad admin role; saved settings valid, integration on, default team exists,
 * priority valid, routing rules point at existing teams, transcript sync; rate-limit headroom for
 * the expected volume (~4 requests per escalation); durable store (Redis on Vercel), reachable,
 * outbox draining, no dead escalations; webhook secret, cron secret, strong admin token; CORS
 * origins explicit; Kustomer timeout sane. Without KUSTOMER_API_KEY it checks the embedded sandbox
 * and the sandbox rows warn. Exit 0 when nothing fails, 1 on any fail, 2 on bad options.
 */
import { loadEnvironment } from './environment.js';
import { processIo } from './io.js';
import { runDoctor } from './doctor/run-doctor.js';

process.exitCode = await runDoctor(process.argv.slice(2), {
  env: loadEnvironment(process.cwd()),
  io: processIo,
});

/**
 * `npm run smoke`: checks a running deployment end to end.
 *
 *   npm run smoke -- --url https://your-app.example.com              admin token from ADMIN_TOKEN
 *   npm run smoke -- --url https://your-app.example.com --admin-token <token> [--email you@example.com]
 *   npm run smoke -- --url http://localhost:3000 --timeout 120 --json
 *
 * Steps, each with its HTTP status and time: GET /api/health, GET /api/ready,
 * GET /api/integrations/kustomer (admin), POST /api/integrations/kustomer/test-escalation (admin;
 * a test escalation tagged "test", safe to close in Kustomer), then GET /api/escalations/:id every
 * second until it is done (in Kustomer), dead, or --timeout seconds (default 60) pass.
 * Reads ADMIN_TOKEN from process.env or ./.env. Exit 0 when every step passed, 1 when one failed,
 * 2 on bad options. The admin token is never printed.
 */
import { loadEnvironment } from './environment.js';
import { processIo } from './io.js';
import { runSmoke } from './smoke/run-smoke.js';

process.exitCode = await runSmoke(process.argv.slice(2), {
  env: loadEnvironment(process.cwd()),
  io: processIo,
});

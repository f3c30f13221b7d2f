/**
 * `npm start`: the built app and /api on one port (the production preview, and how a user
 * self-hosts). Reads .env when there is one, like `npm run dev`. Runs the outbox drainer and
 * shuts down gracefully on SIGTERM.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEscalationServer } from './mount.js';
import { toNodeMiddleware } from './mount-adapters.js';
import { servedOverTls } from './client-address.js';
import { createLimitedServer } from './server-limits.js';
import { serveStatic } from './static-files.js';

const distDir = fileURLToPath(new URL('../../../dist/', import.meta.url));

async function main(): Promise<void> {
  // Variables already in the environment win over the file (process.loadEnvFile keeps them).
  if (existsSync('.env')) process.loadEnvFile('.env');
  // The module as any Node host mounts it; services are created now so a bad variable stops
  // the start instead of the first request.
  const escalation = createEscalationServer();
  const services = await escalation.services();
  const api = toNodeMiddleware(escalation, { origin: () => origin });
  const { trustProxy } = services.env;
  const files = serveStatic(process.env.DIST_DIR ?? distDir, {
    tls: (req) => servedOverTls('http:', req.headers['x-forwarded-proto']?.toString(), trustProxy),
  });
  let origin = 'http://localhost';
  const server = createLimitedServer(
    (req, res) => {
      try {
        api(req, res, () => files(req, res));
      } catch (error) {
        // Both handlers answer every request themselves; this only keeps a bug in one of them
        // to the one request instead of the whole process.
        services.logger.error('request failed', { path: req.url, error: String(error) });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error');
      }
    },
    { maxConnections: services.env.maxConnections },
  );
  const port = Number(process.env.PORT ?? 3000);
  await new Promise<void>((resolve) => server.listen(port, process.env.HOST ?? '0.0.0.0', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await services.setPublicUrl(origin);
  const drainer = escalation.startDrainer({ intervalMs: 5000 });
  services.logger.info('listening', {
    url: origin,
    mode: services.env.kustomer.mode,
    store: services.store.kind,
  });
  const shutdown = async () => {
    server.close();
    await drainer.stop();
    await escalation.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; nothing secret is in them.
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

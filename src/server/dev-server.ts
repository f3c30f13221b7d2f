/**
 * `npm run dev`: Vite's dev server for the React app with /api mounted on it. Reads .env when
 * there is one; without KUSTOMER_API_KEY everything runs on the embedded Kustomer sandbox.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'vite';
import { kustomerApi } from '../../vite-plugin-api.js';
import { createEscalationServer } from './mount.js';
import { toNodeMiddleware } from './mount-adapters.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const escalation = createEscalationServer();
const services = await escalation.services().catch((error: unknown) => {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
let origin = 'http://127.0.0.1:5173';
const vite = await createServer({
  plugins: [
    kustomerApi({
      handle: toNodeMiddleware(escalation, { origin: () => origin }),
      onListening(url) {
        origin = url;
        void services.setPublicUrl(url);
      },
    }),
  ],
  server: { port: Number(process.env.PORT ?? 5173) },
});
await vite.listen();
const drainer = escalation.startDrainer({ intervalMs: 5000 });
vite.printUrls();
console.log(
  services.sandbox
    ? `  Kustomer: embedded sandbox at ${services.sandbox.url} (no KUSTOMER_API_KEY set)`
    : `  Kustomer: live, ${services.env.kustomer.baseUrl}`,
);
const stop = async () => {
  await drainer.stop();
  await vite.close();
  await escalation.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

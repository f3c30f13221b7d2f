/**
 * The real server stack on a real socket for the smoke test: the sandbox, createServices with a
 * memory store, createApp, behind node:http on port 0 through the node adapter `npm start` uses.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore } from '../../../src/escalation/stores/index.js';
import type { EscalationStore } from '../../../src/escalation/store.js';
import { silentLogger } from '../../../src/platform/logger.js';
import type { SandboxHandle } from '../../../src/sandbox/types.js';
import { createApp } from '../../../src/server/app.js';
import { loadServerEnv } from '../../../src/server/env.js';
import { nodeHandler } from '../../../src/server/node-adapter.js';
import { createServices, type Services } from '../../../src/server/services.js';

export interface AppServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

export interface AppServerOptions {
  store?: EscalationStore;
  /** @default 3000 */
  escalateDeadlineMs?: number;
}

export async function startAppServer(
  sandbox: SandboxHandle,
  env: Record<string, string>,
  options: AppServerOptions = {},
): Promise<AppServer> {
  const services = await createServices(
    loadServerEnv({ KUSTOMER_API_BASE_URL: sandbox.url, STORE: 'memory', ...env }),
    {
      store: options.store ?? createMemoryStore(),
      logger: silentLogger,
      escalateDeadlineMs: options.escalateDeadlineMs ?? 3000,
    },
  );
  let origin = 'http://127.0.0.1';
  const server = createServer(nodeHandler(createApp(services), () => origin));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

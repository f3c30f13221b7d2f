/**
 * When the file store is locked by the running server (one process per store folder), the doctor
 * reads what it needs through that server instead: GET /api/integrations/kustomer, the
 * Integrations page's own status, carries the saved settings and the outbox summary. The server
 * is looked for at APP_URL, then on this machine at PORT (npm start: 3000, npm run dev: 5173).
 */
import type { OutboxSummary } from '../../escalation/types.js';
import { integrationStatusSchema } from '../../shared/integration.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import type { ServerEnv } from '../../server/env.js';
import type { Environment } from '../environment.js';
import type { Outcome } from './types.js';

const TIMEOUT_MS = 2000;

export interface ServerRead {
  url: string;
  settings: IntegrationSettings;
  summary: OutboxSummary;
}

export function serverCandidates(server: ServerEnv, env: Environment): string[] {
  const local = (port: string) => `http://127.0.0.1:${port}`;
  const ports = env.PORT?.trim() ? [env.PORT.trim()] : ['3000', '5173'];
  const urls = [...(server.appUrl ? [server.appUrl] : []), ...ports.map(local)];
  return [...new Set(urls.map((url) => url.replace(/\/+$/, '')))];
}

async function readOne(base: string, adminToken: string | null): Promise<ServerRead> {
  const response = await fetch(`${base}/api/integrations/kustomer`, {
    headers: {
      accept: 'application/json',
      ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 401) throw new Error(`${base} refused the admin token (401)`);
  if (!response.ok) throw new Error(`${base} answered ${response.status}`);
  const status = integrationStatusSchema.parse(await response.json());
  const { items: _items, ...summary } = status.outbox;
  return { url: base, settings: status.settings, summary };
}

/** The first candidate that answers with the status; otherwise why none did. */
export const readThroughServer = (server: ServerEnv, env: Environment) =>
  askRunningServer(server, env, readOne);

/** What `read` gets from the first candidate server that answers; otherwise why none did. */
export async function askRunningServer<T>(
  server: ServerEnv,
  env: Environment,
  read: (base: string, adminToken: string | null) => Promise<T>,
): Promise<Outcome<T>> {
  const problems: string[] = [];
  for (const base of serverCandidates(server, env)) {
    try {
      return { ok: true, value: await read(base, server.adminToken) };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      problems.push(cause ? `${base}: ${cause}` : (error as Error).message);
    }
  }
  return { ok: false, message: `the running server did not answer (${problems.join('; ')})` };
}

/**
 * What commands run against, built from the environment the way the server builds it. Client-only
 * commands (test-connection, teams, lookup) need just the Kustomer settings, so a half-configured
 * .env can still test a key; escalate and outbox need the full server environment and its store.
 * Without KUSTOMER_API_KEY both start the embedded sandbox, as the server does.
 */
import { loadKustomerConfig, type KustomerConfig } from '../kustomer/config.js';
import { createKustomerClientFromConfig } from '../kustomer/client.js';
import type { Logger } from '../platform/logger.js';
import { createRedactor, redactValue } from '../platform/redact.js';
import type { KustomerClient } from '../kustomer/types.js';
import type { SandboxHandle } from '../sandbox/types.js';
import { loadServerEnv } from '../server/env.js';
import { maskContact } from '../platform/redact.js';
import { createServices, startEmbeddedSandbox, type Services } from '../server/services.js';
import { secretsOf, type Environment } from './environment.js';
import type { CliIo } from './io.js';

export interface CommandContext {
  env: Environment;
  io: CliIo;
  debug: boolean;
}

/**
 * Warnings and errors as plain `level: message key=value` lines on stderr, with secrets removed
 * and contacts masked as in the server's logs; info and debug only with --debug.
 */
export function createCliLogger(ctx: CommandContext): Logger {
  const redact = createRedactor(secretsOf(ctx.env));
  const scrub = (text: string) => maskContact(redact(text));
  const line = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    const safe = redactValue(fields, scrub) as Record<string, unknown>;
    const pairs = Object.entries(safe).map(
      ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
    );
    ctx.io.err([`${level}: ${scrub(message)}`, ...pairs].join(' '));
  };
  return {
    debug: (m, f) => ctx.debug && line('debug', m, f),
    info: (m, f) => ctx.debug && line('info', m, f),
    warn: (m, f) => line('warning', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export interface KustomerConnection {
  config: KustomerConfig;
  client: KustomerClient;
  /** The embedded sandbox when no key is configured. */
  sandbox: SandboxHandle | null;
  /** Where requests go: the configured host or the sandbox. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Without a key a command starts a sandbox of its own, empty, not the one the running server
 * embeds: a customer created in the chat is not in it. Say so, or "not found" would mislead.
 */
export const OWN_SANDBOX_NOTICE =
  "no KUSTOMER_API_KEY: this command runs on its own embedded sandbox, which starts empty; it is not the running server's sandbox (see that one in Settings › Integrations › Sandbox)";

export async function openKustomer(
  ctx: CommandContext,
  overrides: { maxRetries?: number; announceSandbox?: boolean } = {},
): Promise<KustomerConnection> {
  const { config, warnings } = loadKustomerConfig(ctx.env);
  const logger = createCliLogger(ctx);
  for (const warning of warnings) logger.warn(warning);
  const { announceSandbox = true, ...clientOverrides } = overrides;
  const sandbox = config.mode === 'sandbox' ? await startEmbeddedSandbox() : null;
  if (sandbox && announceSandbox) logger.warn(OWN_SANDBOX_NOTICE);
  const client = createKustomerClientFromConfig(config, {
    logger,
    ...clientOverrides,
    ...(sandbox ? { baseURL: sandbox.url, apiKey: sandbox.apiKey } : {}),
  });
  return {
    config,
    client,
    sandbox,
    baseUrl: sandbox?.url ?? config.baseUrl ?? '',
    close: async () => {
      await sandbox?.close();
    },
  };
}

export async function openServices(ctx: CommandContext): Promise<Services> {
  const serverEnv = loadServerEnv(ctx.env);
  const logger = createCliLogger(ctx);
  if (serverEnv.kustomer.mode === 'sandbox') logger.warn(OWN_SANDBOX_NOTICE);
  return createServices(serverEnv, { logger });
}

/** Runs `work` with resources opened by `open`, closing them whatever happens. */
export async function using<T extends { close(): Promise<void> }, R>(
  open: () => Promise<T>,
  work: (resource: T) => Promise<R>,
): Promise<R> {
  const resource = await open();
  try {
    return await work(resource);
  } finally {
    await resource.close();
  }
}

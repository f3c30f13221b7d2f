/**
 * Gathers everything the checks judge, once: the environment as the server reads it, a Kustomer
 * probe, and a look at the store. Each step records its own failure instead of throwing, so one
 * broken part never hides the rest of the report.
 */
import type { StoreKind } from '../../escalation/store.js';
import { defaultSettings } from '../../escalation/settings.js';
import { loadKustomerConfig, type KustomerConfig } from '../../kustomer/config.js';
import { integrationSettingsSchema, type IntegrationSettings } from '../../shared/settings.js';
import { loadServerEnv, type ServerEnv } from '../../server/env.js';
import { wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { probeKustomer } from './probe-kustomer.js';
import { probeStore } from './probe-store.js';
import { probeWebhook } from './probe-webhook.js';
import type { DoctorFacts, Outcome, StoreFacts } from './types.js';

export interface GatherOptions {
  /** Judge the environment as production even if NODE_ENV/VERCEL_ENV do not say so. */
  production?: boolean;
  /** Overrides EXPECTED_ESCALATIONS_PER_HOUR. */
  expectedPerHour?: number;
  now?: number;
}

function attempt<T>(load: () => T): Outcome<T> {
  try {
    return { ok: true, value: load() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The store kind the server would pick (env.ts), known even when the rest of the env is invalid. */
function storeKindOf(env: DoctorFacts['env']): StoreKind | null {
  const kind = env.STORE?.trim();
  if (kind) return kind === 'file' || kind === 'redis' || kind === 'memory' ? kind : null;
  return env.REDIS_URL?.trim() || env.KV_URL?.trim() || env.UPSTASH_REDIS_URL?.trim()
    ? 'redis'
    : 'file';
}

type SettingsFacts = Pick<DoctorFacts, 'settings' | 'settingsSource' | 'settingsUnreadable'>;

function effectiveSettings(
  store: StoreFacts | null,
  kustomer: Outcome<KustomerConfig>,
): SettingsFacts {
  const stored = store?.storedSettings ?? null;
  const none = { settings: null, settingsUnreadable: null };
  if (stored !== null) {
    const source = store?.lockedBy ? 'server' : 'store';
    const parsed = integrationSettingsSchema.safeParse(stored);
    return parsed.success
      ? { settings: parsed.data, settingsSource: source, settingsUnreadable: null }
      : { ...none, settingsSource: source };
  }
  // The environment's defaults apply only when nothing is saved, which a locked store hides.
  if (store?.lockedBy && store.readThrough && !store.readThrough.ok)
    return {
      settings: null,
      settingsSource: null,
      settingsUnreadable: `the saved settings cannot be read: the file store is in use by the running server, and ${store.readThrough.message}; set APP_URL (and ADMIN_TOKEN) so the doctor can ask it, or stop it`,
    };
  if (!kustomer.ok) return { ...none, settingsSource: null };
  const c = kustomer.value;
  const settings: IntegrationSettings = defaultSettings({
    defaultTeamId: c.defaultTeamId,
    defaultPriority: c.defaultPriority,
    transcriptSync: c.enableSync,
    debug: c.debug,
  });
  return { settings, settingsSource: 'environment', settingsUnreadable: null };
}

export async function gatherFacts(
  ctx: CommandContext,
  options: GatherOptions = {},
): Promise<DoctorFacts> {
  const { env } = ctx;
  const kustomer = attempt(() => loadKustomerConfig(env).config);
  const server: Outcome<ServerEnv> = attempt(() => loadServerEnv(env));
  const production =
    options.production === true || env.NODE_ENV === 'production' || env.VERCEL_ENV === 'production';
  const expectedPerHour =
    options.expectedPerHour ??
    wholeNumber(env.EXPECTED_ESCALATIONS_PER_HOUR, 'EXPECTED_ESCALATIONS_PER_HOUR') ??
    null;
  const [connection, store] = await Promise.all([
    kustomer.ok ? probeKustomer(ctx) : null,
    server.ok ? probeStore(server.value, env) : null,
  ]);
  // After the store probe: that one has closed the store this one may open.
  const webhook = server.ok ? await probeWebhook(server.value, env, store) : null;
  return {
    env,
    webhook,
    now: options.now ?? Date.now(),
    production,
    onVercel: Boolean(env.VERCEL),
    storeKind: storeKindOf(env),
    kustomer,
    server,
    expectedPerHour,
    connection,
    store,
    ...effectiveSettings(store, kustomer),
  };
}

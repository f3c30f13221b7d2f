/**
 * The server's environment, validated once: the Kustomer settings (see ../kustomer/config.ts)
 * plus what the HTTP layer needs. Errors name the variable, never its value.
 */
import { z } from 'zod';
import { loadKustomerConfig, type KustomerConfig } from '../kustomer/config.js';
import { ConfigError } from '../platform/config-error.js';
import { envInteger, parseEnv, withoutBlanks, type Env } from '../platform/env.js';
import type { StoreKind } from '../escalation/store.js';
import { parseTrustProxy, type TrustProxy } from './client-address.js';
import { DEFAULT_SERVER_LIMITS } from './server-limits.js';

export interface ServerEnv {
  kustomer: KustomerConfig;
  warnings: string[];
  adminToken: string | null;
  webhookSecret: string | null;
  cronSecret: string | null;
  allowedOrigins: string[];
  store: StoreKind;
  storeDir: string;
  redisUrl: string | null;
  appUrl: string | null;
  perSessionLimit: number;
  perIpLimit: number;
  /** How far X-Forwarded-For is believed for the client address (see client-address.ts). */
  trustProxy: TrustProxy;
  /** `npm start`'s cap on open connections. */
  maxConnections: number;
  /** How long one drain through the API may keep starting deliveries. */
  drainBudgetMs: number;
  /** Days a finished escalation is kept; 0 keeps them. */
  retentionDays: number;
  production: boolean;
  onVercel: boolean;
  /**
   * The admin endpoints answer without a token: only the local sandbox demo (no key, no
   * ADMIN_TOKEN, not production, not on Vercel, where every deployment has a public URL).
   */
  adminOpen: boolean;
}

const count = (name: string) => envInteger(name).optional();

const schema = z.object({
  ADMIN_TOKEN: z
    .string()
    .min(16, 'ADMIN_TOKEN must be at least 16 characters (32+ random characters recommended)')
    .optional(),
  KUSTOMER_WEBHOOK_SECRET: z.string().min(8, 'KUSTOMER_WEBHOOK_SECRET looks too short').optional(),
  CRON_SECRET: z.string().min(16, 'CRON_SECRET must be at least 16 characters').optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  STORE: z
    .enum(['file', 'redis', 'memory'], { message: 'STORE must be file, redis or memory' })
    .optional(),
  STORE_DIR: z.string().min(1).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  // z.url() alone accepts any scheme (javascript:, file:); the link goes into a Kustomer note.
  APP_URL: z.url({ protocol: /^https?$/, message: 'APP_URL must be an http(s) URL' }).optional(),
  ESCALATION_RATE_LIMIT_PER_SESSION: count('ESCALATION_RATE_LIMIT_PER_SESSION'),
  ESCALATION_RETENTION_DAYS: count('ESCALATION_RETENTION_DAYS'),
  ESCALATION_RATE_LIMIT_PER_IP: count('ESCALATION_RATE_LIMIT_PER_IP'),
  MAX_CONNECTIONS: count('MAX_CONNECTIONS'),
  TRUST_PROXY: z.string().optional(),
  // At most Vercel's longest function duration (800 s); keep it under maxDuration in vercel.json.
  DRAIN_BUDGET_MS: envInteger('DRAIN_BUDGET_MS', 1000, 800_000).optional(),
});

export function loadServerEnv(env: Env = process.env): ServerEnv {
  const { config, warnings } = loadKustomerConfig(env);
  const blankless = withoutBlanks(env);
  // Hosted Redis integrations name the URL differently; accept the common names.
  blankless.REDIS_URL ??= blankless.KV_URL ?? blankless.UPSTASH_REDIS_URL;
  const e = parseEnv(schema, blankless);
  const onVercel = Boolean(env.VERCEL);
  const production = env.NODE_ENV === 'production' || env.VERCEL_ENV === 'production';
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY, onVercel);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const store: StoreKind = e.STORE ?? (e.REDIS_URL ? 'redis' : 'file');
  if (store === 'redis' && !e.REDIS_URL)
    throw new ConfigError('REDIS_URL is required when STORE=redis');
  if (onVercel && store === 'file') {
    throw new ConfigError(
      'STORE=file does not survive on Vercel (each function has its own short-lived disk): set REDIS_URL',
    );
  }
  if (config.mode === 'live' && !e.ADMIN_TOKEN) {
    throw new ConfigError(
      'ADMIN_TOKEN is required when KUSTOMER_API_KEY is set: it protects the settings and outbox endpoints',
    );
  }
  // Sandbox mode leaves the admin endpoints open without a token: fine on a laptop, not on a
  // public production URL. Vercel previews keep them closed instead (see adminOpen).
  if (production && !e.ADMIN_TOKEN) {
    throw new ConfigError(
      'ADMIN_TOKEN is required in production (NODE_ENV or VERCEL_ENV is production): without it the admin endpoints are open',
    );
  }
  return {
    kustomer: config,
    warnings,
    adminToken: e.ADMIN_TOKEN ?? null,
    webhookSecret: e.KUSTOMER_WEBHOOK_SECRET ?? null,
    cronSecret: e.CRON_SECRET ?? null,
    allowedOrigins: (e.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    store,
    storeDir: e.STORE_DIR ?? '.data',
    redisUrl: e.REDIS_URL ?? null,
    appUrl: e.APP_URL ?? null,
    perSessionLimit: e.ESCALATION_RATE_LIMIT_PER_SESSION ?? 5,
    perIpLimit: e.ESCALATION_RATE_LIMIT_PER_IP ?? 30,
    // Vercel's edge sets X-Forwarded-For itself; anywhere else a client could send its own.
    trustProxy,
    maxConnections: e.MAX_CONNECTIONS ?? DEFAULT_SERVER_LIMITS.maxConnections,
    // Leaves 10 s of vercel.json's maxDuration (30 s) for start-up and the last delivery.
    drainBudgetMs: e.DRAIN_BUDGET_MS ?? 20_000,
    retentionDays: e.ESCALATION_RETENTION_DAYS ?? 30,
    production,
    onVercel,
    adminOpen: config.mode === 'sandbox' && !e.ADMIN_TOKEN && !production && !onVercel,
  };
}

/**
 * Server-only Kustomer configuration, validated once. Errors name the variable and what is wrong,
 * never its value. Host rules: https://developer.kustomer.com/docs/get-started/regions-and-base-urls
 */
import { z } from 'zod';
import { prioritySchema, type Priority } from '../shared/priority.js';
import { envBoolean, envInteger, parseEnv, type Env } from '../platform/env.js';

export type KustomerRegion = 'us' | 'eu' | 'in';

export const REGION_HOSTS: Record<KustomerRegion, string> = {
  us: 'https://api.kustomerapp.com',
  eu: 'https://api.prod2.kustomerapp.com',
  in: 'https://api.prod4.kustomerapp.com',
};

export interface KustomerConfig {
  /** 'sandbox' when no API key is configured: the caller starts the local sandbox. */
  mode: 'live' | 'sandbox';
  apiKey: string | null;
  subdomain: string | null;
  region: KustomerRegion | null;
  /** Explicit KUSTOMER_API_BASE_URL, else the org host, else the regional host; null in sandbox mode. */
  baseUrl: string | null;
  /** The Kustomer web app, for conversation links; null when the org sub-domain is unknown. */
  appUrl: string | null;
  defaultTeamId: string | null;
  defaultPriority: Priority;
  enableSync: boolean;
  debug: boolean;
  timeoutMs: number;
  rateLimitPerMin: number;
  app: string;
}

const schema = z.object({
  KUSTOMER_API_KEY: z
    .string()
    .min(20, 'KUSTOMER_API_KEY looks too short to be a Kustomer API key')
    .optional(),
  KUSTOMER_SUBDOMAIN: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/i,
      'KUSTOMER_SUBDOMAIN must be the org name only, e.g. "acme" for acme.kustomerapp.com',
    )
    .optional(),
  KUSTOMER_REGION: z
    .enum(['us', 'eu', 'in'], { message: 'KUSTOMER_REGION must be us, eu or in' })
    .optional(),
  // z.url() alone accepts any scheme (ftp:, file:, javascript:); the client only speaks HTTP(S).
  KUSTOMER_API_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'KUSTOMER_API_BASE_URL must be an http(s) URL' })
    .optional(),
  KUSTOMER_DEFAULT_TEAM_ID: z
    .string()
    .regex(
      /^[0-9a-f]{24}$/,
      'KUSTOMER_DEFAULT_TEAM_ID must be a Kustomer team id (24 hex characters)',
    )
    .optional(),
  KUSTOMER_DEFAULT_PRIORITY: z
    .string()
    .transform((v, ctx) => {
      const parsed = prioritySchema.safeParse(/^\d+$/.test(v) ? Number(v) : v.toLowerCase());
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: 'KUSTOMER_DEFAULT_PRIORITY must be 1-5 or low, medium, high, urgent',
      });
      return z.NEVER;
    })
    .optional(),
  KUSTOMER_ENABLE_SYNC: envBoolean('KUSTOMER_ENABLE_SYNC').optional(),
  KUSTOMER_DEBUG: envBoolean('KUSTOMER_DEBUG').optional(),
  KUSTOMER_TIMEOUT_MS: envInteger('KUSTOMER_TIMEOUT_MS', 500, 120_000).optional(),
  KUSTOMER_RATE_LIMIT_PER_MIN: envInteger('KUSTOMER_RATE_LIMIT_PER_MIN', 1, 100_000).optional(),
  KUSTOMER_APP: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/i, 'KUSTOMER_APP must be letters, digits, _ or -')
    .optional(),
});

/**
 * Reads KUSTOMER_X, falling back to the older VITE_KUSTOMER_X with a warning; `legacy` collects
 * the names read that way, so an error names the variable the operator actually set.
 */
function withLegacyNames(env: Env, warnings: string[], legacy: Set<string>): Env {
  const out: Env = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key]?.trim() || undefined;
    const fallback = env[`VITE_${key}`]?.trim() || undefined;
    if (value === undefined && fallback !== undefined) {
      legacy.add(key);
      warnings.push(
        `VITE_${key} is set: VITE_ variables are compiled into the browser bundle and shipped to every visitor. ` +
          `Rename it to ${key}${key === 'KUSTOMER_API_KEY' ? ' and rotate the key' : ''}.`,
      );
    }
    out[key] = value ?? fallback;
  }
  return out;
}

export function loadKustomerConfig(env: Env): { config: KustomerConfig; warnings: string[] } {
  const warnings: string[] = [];
  const legacy = new Set<string>();
  const e = parseEnv(schema, withLegacyNames(env, warnings, legacy), (variable) =>
    legacy.has(variable) ? `VITE_${variable}` : variable,
  );
  const apiKey = e.KUSTOMER_API_KEY ?? null;
  const subdomain = e.KUSTOMER_SUBDOMAIN?.toLowerCase() ?? null;
  const region = e.KUSTOMER_REGION ?? null;
  const hostUrl = subdomain
    ? `https://${subdomain}.api.kustomerapp.com`
    : REGION_HOSTS[region ?? 'us'];
  if (apiKey && !subdomain && !region && !e.KUSTOMER_API_BASE_URL) {
    warnings.push(
      'Neither KUSTOMER_SUBDOMAIN nor KUSTOMER_REGION is set: using the US host. EU and India keys only work on their own region.',
    );
  }
  return {
    warnings,
    config: {
      mode: apiKey ? 'live' : 'sandbox',
      apiKey,
      subdomain,
      region,
      baseUrl: e.KUSTOMER_API_BASE_URL?.replace(/\/+$/, '') ?? (apiKey ? hostUrl : null),
      appUrl: subdomain ? `https://${subdomain}.kustomerapp.com` : null,
      defaultTeamId: e.KUSTOMER_DEFAULT_TEAM_ID ?? null,
      defaultPriority: e.KUSTOMER_DEFAULT_PRIORITY ?? 3,
      enableSync: e.KUSTOMER_ENABLE_SYNC ?? true,
      debug: e.KUSTOMER_DEBUG ?? false,
      timeoutMs: e.KUSTOMER_TIMEOUT_MS ?? 8000,
      rateLimitPerMin: e.KUSTOMER_RATE_LIMIT_PER_MIN ?? 1000,
      app: e.KUSTOMER_APP ?? 'chatbot',
    },
  };
}

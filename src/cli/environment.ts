/**
 * The environment a command sees, read like the server reads it: process.env plus a `.env` file in
 * the working directory when there is one. Variables already set win over the file, so
 * `KUSTOMER_API_KEY=... npm run doctor` overrides what .env says.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export type Environment = Record<string, string | undefined>;

export function loadEnvironment(cwd: string, env: Environment = process.env): Environment {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return { ...env };
  const fromFile = parseEnv(readFileSync(path, 'utf8')) as Environment;
  return { ...fromFile, ...env };
}

/** Every secret the environment holds, for scrubbing output (empty values are not secrets). */
export function secretsOf(env: Environment): string[] {
  return [
    env.KUSTOMER_API_KEY,
    env.VITE_KUSTOMER_API_KEY,
    env.ADMIN_TOKEN,
    env.KUSTOMER_WEBHOOK_SECRET,
    env.CRON_SECRET,
    env.REDIS_URL,
    env.KV_URL,
    env.UPSTASH_REDIS_URL,
  ].filter((s): s is string => typeof s === 'string' && s.trim().length > 0);
}

/** The environment itself: it loads, it is live, no secret is headed for the browser, debug is off. */
import { fail, pass, warn, type Check } from '../types.js';

export const configCheck: Check = ({ server, kustomer }) => {
  const title = 'Configuration loads';
  if (!kustomer.ok) return fail('config', title, kustomer.message, 'fix the variable named above');
  if (!server.ok) return fail('config', title, server.message, 'fix the variable named above');
  return pass('config', title, 'every variable parses the way the server reads it');
};

export const modeCheck: Check = ({ kustomer, production }) => {
  const title = 'Live credentials';
  if (!kustomer.ok) return fail('mode', title, 'configuration does not load', 'see Configuration');
  if (kustomer.value.mode === 'live') return pass('mode', title, 'KUSTOMER_API_KEY is set');
  const fix = 'set KUSTOMER_API_KEY (run ./setup-kustomer.sh)';
  return production
    ? fail('mode', title, 'production without KUSTOMER_API_KEY runs the embedded sandbox', fix)
    : warn('mode', title, 'sandbox mode: no live credentials', fix);
};

const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD/i;

/** VITE_ variables are compiled into the browser bundle and shipped to every visitor. */
export const viteCheck: Check = ({ env }) => {
  const title = 'No secret in VITE_ variables';
  const secrets = [
    env.KUSTOMER_API_KEY,
    env.ADMIN_TOKEN,
    env.KUSTOMER_WEBHOOK_SECRET,
    env.CRON_SECRET,
  ].filter((s): s is string => Boolean(s?.trim()));
  const leaking = Object.entries(env)
    .filter(([name, value]) => name.startsWith('VITE_') && value?.trim())
    .filter(([name, value]) => SECRET_NAME.test(name) || secrets.includes(value!))
    .map(([name]) => name);
  if (leaking.length === 0) return pass('vite', title, 'no VITE_ variable holds a secret');
  return fail(
    'vite',
    title,
    `${leaking.join(', ')} would be compiled into the browser bundle`,
    'rename to the name without VITE_ (e.g. KUSTOMER_API_KEY), then rotate the key or secret',
  );
};

export const debugCheck: Check = ({ kustomer, settings, production }) => {
  const title = 'Debug mode off in production';
  const fromEnv = kustomer.ok && kustomer.value.debug;
  const fromSettings = settings?.debug === true;
  if (!fromEnv && !fromSettings) return pass('debug', title, 'debug logging is off');
  const where = fromEnv ? 'KUSTOMER_DEBUG' : 'the saved Integrations settings';
  if (!production) return pass('debug', title, `debug on via ${where} (fine outside production)`);
  return fail(
    'debug',
    title,
    `debug is on via ${where}: logs carry unmasked emails and phone numbers`,
    fromEnv ? 'unset KUSTOMER_DEBUG' : 'switch Debug off in Settings › Integrations',
  );
};

/** Kustomer answers, in the key's own region, and accepts the key. */
import { fail, pass, skip, warn, type Check } from '../types.js';

export const reachableCheck: Check = ({ connection }) => {
  const title = 'Kustomer host reachable';
  if (!connection) return skip('kustomer.reachable', title, 'configuration does not load');
  const { error, baseUrl, latencyMs } = connection;
  if (error?.outage)
    return fail(
      'kustomer.reachable',
      title,
      `${baseUrl}: ${error.message}`,
      'check KUSTOMER_SUBDOMAIN / KUSTOMER_REGION / KUSTOMER_API_BASE_URL and that outbound HTTPS to *.kustomerapp.com is allowed',
    );
  const timing = latencyMs === null ? '' : ` in ${latencyMs} ms`;
  return pass('kustomer.reachable', title, `${baseUrl} answered${timing}`);
};

export const regionCheck: Check = ({ connection, kustomer }) => {
  const title = 'Region matches the key';
  if (!connection || !kustomer.ok)
    return skip('kustomer.region', title, 'configuration does not load');
  const { error } = connection;
  if (error?.code === 'wrong_region')
    return fail('kustomer.region', title, `Kustomer says: ${error.message}`, error.fix!);
  if (connection.mode === 'sandbox')
    return warn(
      'kustomer.region',
      title,
      'sandbox mode: no region to check',
      'set KUSTOMER_API_KEY and KUSTOMER_SUBDOMAIN',
    );
  const c = kustomer.value;
  if (!c.subdomain && !c.region && !connection.baseUrl.includes('kustomerapp.com'))
    return pass(
      'kustomer.region',
      title,
      `custom host ${connection.baseUrl} (KUSTOMER_API_BASE_URL)`,
    );
  if (!c.subdomain && !c.region)
    return warn(
      'kustomer.region',
      title,
      'neither KUSTOMER_SUBDOMAIN nor KUSTOMER_REGION is set: using the US host',
      'set KUSTOMER_SUBDOMAIN (the org host routes to the right region)',
    );
  const where = c.subdomain ? `org host ${c.subdomain}` : `region ${c.region}`;
  return connection.error
    ? skip('kustomer.region', title, `${where}; key not accepted, see API key`)
    : pass('kustomer.region', title, `${where} accepts the key`);
};

export const keyCheck: Check = ({ connection }) => {
  const title = 'API key valid';
  if (!connection) return skip('kustomer.key', title, 'configuration does not load');
  const { error, token } = connection;
  if (!error)
    return pass('kustomer.key', title, `accepted${token?.name ? ` (key "${token.name}")` : ''}`);
  if (error.outage) return skip('kustomer.key', title, 'Kustomer not reachable');
  if (error.code === 'wrong_region') return skip('kustomer.key', title, 'wrong region, see Region');
  return fail(
    'kustomer.key',
    title,
    error.message,
    'check KUSTOMER_API_KEY: copied whole, not expired or revoked (Settings › Security › API Keys)',
  );
};

/**
 * The layers of src/, bottom up: each folder may import only the folders it lists (and itself).
 * eslint.config.js turns this table into import-x/no-restricted-paths zones, so `npm run lint`
 * fails on an upward or sideways import; docs/architecture.md draws it.
 *
 * - platform, shared: the bottom. platform is server-only (logger, redaction, ConfigError, env
 *   parsing); shared is the zod contracts both the browser and the server import.
 * - kustomer: the Kustomer client. sandbox sits beside it, not above it: it is a witness of
 *   Kustomer, not of our client, so it may not import the client's code.
 * - escalation, then server (the composition root, the only importer of sandbox besides cli),
 *   then cli. api/ is Vercel's adapter and imports only server.
 * - Browser: lib (the API client) over shared; chat and pages over lib.
 * - entry: the package's doors (kustomer-escalation, /server, /react, /sandbox), on top of both.
 * - app (the demo shell) and api/ (the demo's Vercel function) are hosts like any other: they
 *   reach the module only through entry, so nothing the demo uses is private.
 */
export const LAYERS = {
  platform: [],
  shared: [],
  kustomer: ['platform', 'shared'],
  sandbox: ['platform', 'shared'],
  escalation: ['kustomer', 'platform', 'shared'],
  server: ['escalation', 'kustomer', 'sandbox', 'platform', 'shared'],
  cli: ['server', 'escalation', 'kustomer', 'sandbox', 'platform', 'shared'],
  lib: ['shared'],
  chat: ['lib', 'shared'],
  pages: ['lib', 'shared'],
  entry: [
    'server',
    'escalation',
    'kustomer',
    'sandbox',
    'platform',
    'shared',
    'chat',
    'pages',
    'lib',
  ],
  app: ['entry'],
};

/** Folders outside src/ with a rule of their own: `api/` reaches the module through its doors only. */
export const ENTRY_POINTS = {
  api: ['entry'],
  'main.tsx': ['app'],
};

const list = (folders) =>
  folders.length ? folders.map((f) => `src/${f}`).join(', ') : 'nothing else in src';

/** One zone per (importer, forbidden folder): the message says what the importer may import. */
export function layerZones() {
  const folders = Object.keys(LAYERS);
  const zones = [];
  const add = (target, allowed, name) => {
    for (const from of folders.filter((f) => !allowed.includes(f) && `src/${f}` !== target)) {
      zones.push({
        target: `./${target}`,
        from: `./src/${from}`,
        message: `${name} may import only ${list(allowed)}; src/${from} is not below it (layers: eslint.layers.js, docs/architecture.md).`,
      });
    }
  };
  for (const [folder, allowed] of Object.entries(LAYERS))
    add(`src/${folder}`, allowed, `src/${folder}`);
  add('api', ENTRY_POINTS.api, 'api/');
  add('src/main.tsx', ENTRY_POINTS['main.tsx'], 'src/main.tsx');
  return zones;
}

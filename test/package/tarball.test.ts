/**
 * The package as a host app gets it: `npm pack`, then the tarball installed into an empty React
 * app outside the repository (so nothing can resolve to this repository's source). Each door
 * imports and works there, its types resolve under both `Bundler` and `NodeNext` resolution,
 * the tarball holds only the built files, and the public API is the reviewed one.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiReport, REPORT_FILE } from '../../scripts/api-report.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const version = (name: string) =>
  (createRequire(join(ROOT, 'package.json'))(`${name}/package.json`) as { version: string })
    .version;

let work: string;
let app: string;
let tarball: string;
let files: string[];

const run = (file: string, args: string[], cwd: string) =>
  execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * CI packs once for this test and both examples and names the tarball in
 * KUSTOMER_ESCALATION_TARBALL; otherwise `npm pack` here, whose `prepack` builds lib/ afresh.
 */
function packedTarball(): string {
  const given = process.env.KUSTOMER_ESCALATION_TARBALL;
  if (given) return given;
  const output = run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  // The build's own lines come first on stdout; the JSON report is last.
  const [packed] = JSON.parse(output.slice(output.search(/^\[\s*\{/m))) as { filename: string }[];
  return join(work, packed!.filename);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kustomer-escalation-pack-'));
  tarball = packedTarball();
  // Every entry of an npm tarball sits under package/.
  files = run('tar', ['-tzf', tarball], work)
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
  app = join(work, 'empty-react-app');
  cpSync(join(import.meta.dirname, 'consumer'), app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'empty-react-app', private: true, type: 'module' }),
  );
  // The versions this repository already installed: npm finds them in its cache.
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      tarball,
      `react@${version('react')}`,
      `react-dom@${version('react-dom')}`,
      `@types/react@${version('@types/react')}`,
      `@types/react-dom@${version('@types/react-dom')}`,
      `@types/node@${version('@types/node')}`,
    ],
    app,
  );
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the built doors and the docs, no source and no source maps', () => {
    const paths = [...files].sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'lib/index.js',
        'lib/index.d.ts',
        'lib/server.js',
        'lib/server.d.ts',
        'lib/react.js',
        'lib/react.d.ts',
        'lib/sandbox.js',
        'lib/sandbox.d.ts',
        'lib/styles.css',
      ]),
    );
    const stray = paths.filter(
      (p) =>
        !['package.json', 'README.md', 'CHANGELOG.md'].includes(p) &&
        !/^lib\/([\w.-]+\/)*[\w.-]+\.(js|d\.ts|css)$/.test(p),
    );
    expect(stray).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(join(app, 'node_modules/kustomer-escalation/package.json'), 'utf8'),
    );
    expect(manifest.peerDependencies.react).toBeDefined();
    expect(manifest.dependencies.react).toBeUndefined();
  });

  it('has the reviewed public API (etc/public-api.d.ts.txt; npm run api:update when a change is meant)', () => {
    // lib/ is what the pack built (CI packs in this tree just before the tests).
    expect(buildApiReport(join(ROOT, 'lib'))).toBe(readFileSync(join(ROOT, REPORT_FILE), 'utf8'));
  }, 60_000);

  it('imports every door in an empty app, renders the button and escalates against the sandbox', () => {
    // The server logs JSON lines to stdout too; the script's report is the last line.
    const lines = run(process.execPath, ['run-doors.mjs'], app).trim().split('\n');
    const out = JSON.parse(lines.at(-1)!);
    expect(out.doors.core).toEqual(
      expect.arrayContaining([
        'createKustomerClient',
        'createEscalationService',
        'createRedisStore',
      ]),
    );
    expect(out.doors.server).toEqual(
      expect.arrayContaining(['createEscalationServer', 'toNodeMiddleware', 'toNextRouteHandlers']),
    );
    expect(out.doors.react).toEqual(
      expect.arrayContaining(['EscalationButton', 'IntegrationsPage', 'ChatLog']),
    );
    expect(out.doors.sandbox).toEqual(expect.arrayContaining(['startSandbox']));
    expect(out.status).toBe(201);
    expect(out.result).toMatchObject({
      status: 'escalated',
      escalationId: 'consumer-escalation-1',
    });
    expect(out.conversations).toBe(1);
    // Only the prefix is the module's: another path is not answered as one of its endpoints.
    expect(out.outsideStatus).toBe(404);
    expect(out.html).toContain('kustomer-escalation');
  }, 120_000);

  // skipLibCheck off once, so the package's own .d.ts files are checked too (slow: every
  // library's are checked with them).
  it.each([
    ['Bundler', 'ESNext', false],
    ['NodeNext', 'NodeNext', true],
  ])(
    'type-checks a host using every door (moduleResolution %s)',
    (resolution, module, skipLibCheck) => {
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            jsx: 'react-jsx',
            target: 'ES2022',
            module,
            moduleResolution: resolution,
            lib: ['ES2023', 'DOM'],
            types: ['node'],
            skipLibCheck,
          },
          files: ['check-types.tsx'],
        }),
      );
      let output = '';
      try {
        run(process.execPath, [TSC, '-p', 'tsconfig.json'], app);
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe('');
    },
    120_000,
  );
});

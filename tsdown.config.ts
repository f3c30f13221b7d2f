/**
 * The package build (`npm run build:lib`, run by `npm pack`): tsdown, Rolldown's library
 * bundler from the Vite team, emits ESM with bundled .d.ts per door, keeps every dependency
 * external (package.json decides), and keeps the escalation button's dynamic import so the host's
 * bundler gives the button a chunk of its own. tsup, the usual alternative, is in maintenance
 * and points to tsdown; Vite's library mode would need a separate declaration step.
 */
import { defineConfig } from 'tsdown';

const common = {
  outDir: 'lib',
  format: 'esm',
  dts: true,
  hash: false,
  sourcemap: false,
  tsconfig: 'tsconfig.lib.json',
  target: 'es2022',
  fixedExtension: false,
} as const;

export default defineConfig([
  {
    ...common,
    entry: {
      index: 'src/entry/index.ts',
      server: 'src/entry/server.ts',
      sandbox: 'src/entry/sandbox.ts',
    },
    platform: 'node',
    clean: false,
  },
  {
    ...common,
    entry: { react: 'src/entry/react.ts' },
    platform: 'browser',
    clean: false,
    // Next.js App Router: hooks and state, so every React module is a client module.
    outputOptions: {
      banner: (chunk) => (chunk.fileName.endsWith('.d.ts') ? '' : "'use client';"),
    },
  },
]);

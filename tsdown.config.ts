/**
 * The package build (`npm run build:lib`, run by `npm pack`): tsdown, Rolldown's library
 * bundler from the Vite team, emits ESM and .d.ts one file per source module (so with
 * `sideEffects` a host's bundler drops every module it does not use: a button alone does not
 * bring the Integrations page or zod along), keeps every dependency external (package.json
 * decides), and keeps the escalation button's dynamic import, so the host's bundler gives the
 * button a chunk of its own. tsup, the usual alternative, is in maintenance and points to tsdown;
 * Vite's library mode would need a separate declaration step.
 */
import { defineConfig } from 'tsdown';

/** React modules (hooks, state) are client modules for Next.js's App Router. */
const isClientModule = (fileName: string) =>
  fileName === 'react.js' || /^(chat|pages|lib)\/.*\.js$/.test(fileName);

/**
 * A component's own stylesheet (`import './analytics.css'`) goes into lib/styles.css, scoped like
 * the rest (scripts/build-styles.ts), so the JavaScript loses the import instead of shipping a
 * global stylesheet to the host.
 */
const componentCssToStylesheet = {
  name: 'component-css-to-stylesheet',
  resolveId(source: string) {
    return source.endsWith('.css') ? { id: '\0component-css', moduleSideEffects: false } : null;
  },
  load(id: string) {
    return id === '\0component-css' ? 'export {};' : null;
  },
};

export default defineConfig({
  plugins: [componentCssToStylesheet],
  entry: {
    index: 'src/entry/index.ts',
    server: 'src/entry/server.ts',
    react: 'src/entry/react.ts',
    sandbox: 'src/entry/sandbox.ts',
  },
  outDir: 'lib',
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  unbundle: true,
  dts: true,
  hash: false,
  fixedExtension: false,
  sourcemap: false,
  clean: false,
  tsconfig: 'tsconfig.lib.json',
  outputOptions: {
    banner: (chunk) => (isClientModule(chunk.fileName) ? "'use client';" : ''),
  },
});

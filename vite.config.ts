import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/support/sequencer.js';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // No source maps in dist/: whatever is there, npm start and Vercel would serve to anyone.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // React on its own: the escalation button's chunk needs nothing else, so a host app
        // embedding it pays React (likely cached already) plus a few kB. The query library,
        // which the shell needs anyway, is split off too so an app deploy does not bust it.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
            // The button and everything it imports, so its chunk never reaches into the chat
            // page's (the demo chat shares the email and id helpers with it).
            {
              name: 'escalation-button',
              test: /src[\\/]chat[\\/](escalation-button|email-prompt|use-escalation|email|new-id|queued-message|handoff)\./,
            },
          ],
        },
      },
    },
  },
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine.
    // Most files here spend their time waiting on sockets, child processes and timers, not the
    // CPU, so one worker per core, and at least three, keeps the cores busy (on 2 cores the suite
    // ran in 368 s instead of 607 s, every test passing). VITEST_MAX_WORKERS still overrides it.
    maxWorkers: Math.max(3, availableParallelism()),
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/{architecture,platform,shared,kustomer,sandbox,escalation,server,cli,bench,package}/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['test/ui/**/*.test.{ts,tsx}'],
          setupFiles: ['test/ui/setup.ts'],
          // Typing with user-event in jsdom is CPU-bound: on a 2-core machine busy with other
          // test runs a test that takes 4 s alone took 16 s. The limit only catches a hang.
          testTimeout: 45_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // The app is built once, in the background while the other projects run.
          globalSetup: ['test/e2e/support/app-build.global.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // Each file has its own server (port 0, own store) and its own chromium: two at a time
          // share the 2 cores of CI well; a third would only slow the other two. A project with
          // its own worker count runs in a group of its own: after the node and ui files.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { requestLog, server } from './support/server.js';

// findBy and waitFor give up after 1 s by default: too soon for jsdom on a machine busy with
// other test runs (a page still loading after 1.8 s failed). They return as soon as the DOM
// matches, so a passing test is no slower.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => {
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    requestLog.push(`${request.method} ${url.pathname}${url.search}`);
  });
  // A request no test expected is a bug in the test or the app: fail loudly.
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  requestLog.length = 0;
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());

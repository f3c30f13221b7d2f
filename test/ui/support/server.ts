/** One msw server for the UI tests: handlers per test, and the log of every request made. */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

/** Hand-off is on unless a test says otherwise (the chat asks before it asks for an email). */
export const server = setupServer(
  http.get('/api/handoff', () => HttpResponse.json({ handoff: 'on' })),
);

/** `METHOD /path?query` of every request, in order; cleared after each test. */
export const requestLog: string[] = [];

export const requestsTo = (method: string, path: string): number =>
  requestLog.filter((line) => line === `${method} ${path}` || line.startsWith(`${method} ${path}?`))
    .length;

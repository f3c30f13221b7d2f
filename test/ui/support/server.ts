/** One msw server for the UI tests: handlers per test, and the log of every request made. */
import { setupServer } from 'msw/node';

export const server = setupServer();

/** `METHOD /path?query` of every request, in order; cleared after each test. */
export const requestLog: string[] = [];

export const requestsTo = (method: string, path: string): number =>
  requestLog.filter((line) => line === `${method} ${path}` || line.startsWith(`${method} ${path}?`))
    .length;

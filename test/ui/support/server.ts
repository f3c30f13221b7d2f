/** One msw server for the UI tests: handlers per test, and the log of every request made. */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

/**
 * Hand-off is on unless a test says otherwise (the chat asks before it asks for an email), and
 * availability is unknown (the chat promises nothing) unless a test gives one.
 */
export const server = setupServer(
  http.get('/api/handoff', () => HttpResponse.json({ handoff: 'on' })),
  http.get('/api/integrations/kustomer/schedules', () =>
    HttpResponse.json({
      schedules: [
        {
          id: '5e21e0f9520ec30019df3dcf',
          name: 'Biz Hours',
          timeZone: 'America/New_York',
          isDefault: true,
        },
      ],
    }),
  ),
  http.get('/api/availability', () =>
    HttpResponse.json({
      open: true,
      reason: 'unknown',
      nextOpenAt: null,
      expectedWaitMinutes: null,
      timeZone: null,
      outOfHours: 'email',
    }),
  ),
);

/** `METHOD /path?query` of every request, in order; cleared after each test. */
export const requestLog: string[] = [];

export const requestsTo = (method: string, path: string): number =>
  requestLog.filter((line) => line === `${method} ${path}` || line.startsWith(`${method} ${path}?`))
    .length;

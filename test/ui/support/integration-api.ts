/**
 * The Integrations page's GET endpoints in msw, answering from a mutable state so a test can
 * change what the server says (after a save, a retry...) and see the page refetch it.
 */
import { http, HttpResponse } from 'msw';
import type { IntegrationStatus, Team } from '../../../src/shared/integration.js';
import type { QueuesResponse } from '../../../src/shared/routing-trial.js';
import type { SandboxStateView } from '../../../src/shared/sandbox-state.js';
import type { SettingsUpdate } from '../../../src/shared/settings.js';
import type { WebhookState } from '../../../src/shared/webhook-state.js';
import { sandboxOf, statusOf, TEAMS, webhookOf } from './fixtures.js';
import { server } from './server.js';
import { analyticsOf } from './analytics-fixture.js';

export const API = '/api/integrations/kustomer';

export interface FakeIntegrationApi {
  status: IntegrationStatus;
  teams: Team[];
  sandbox: SandboxStateView;
  webhook: WebhookState;
  /** GET /queues: Kustomer's queues, or why they cannot be listed. */
  queues: QueuesResponse;
}

export const QUEUES = [
  { id: '6a0000000000000000000002', name: 'Chat' },
  { id: '6a0000000000000000000004', name: 'VIP Support' },
];

export function serveIntegrationApi(initial: Partial<FakeIntegrationApi> = {}): FakeIntegrationApi {
  const state: FakeIntegrationApi = {
    status: initial.status ?? statusOf(),
    teams: initial.teams ?? TEAMS,
    sandbox: initial.sandbox ?? sandboxOf(),
    webhook: initial.webhook ?? webhookOf(),
    queues: initial.queues ?? { queues: QUEUES, unavailable: null },
  };
  server.use(
    http.get(API, () => HttpResponse.json(state.status)),
    http.get(`${API}/teams`, () => HttpResponse.json({ teams: state.teams })),
    http.get(`${API}/sandbox`, () => HttpResponse.json(state.sandbox)),
    http.get(`${API}/analytics`, ({ request }) =>
      HttpResponse.json(analyticsOf(Number(new URL(request.url).searchParams.get('days')))),
    ),
    http.get(`${API}/webhook`, () => HttpResponse.json(state.webhook)),
    http.get(`${API}/queues`, () => HttpResponse.json(state.queues)),
    // The public readiness check: the mode comes from the server's environment (a key or not).
    http.get('/api/ready', () =>
      HttpResponse.json({
        ready: true,
        checks: { mode: state.status.mode === 'sandbox' ? 'sandbox' : 'live' },
      }),
    ),
  );
  return state;
}

export const apiError = (status: number, code: string, message: string, fields?: object) =>
  HttpResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });

/** Answers PUT /settings like the server (the merged settings) and records each body sent. */
export function acceptSettingsSaves(api: FakeIntegrationApi): SettingsUpdate[] {
  const bodies: SettingsUpdate[] = [];
  server.use(
    http.put(`${API}/settings`, async ({ request }) => {
      const body = (await request.json()) as SettingsUpdate;
      bodies.push(body);
      api.status = { ...api.status, settings: { ...api.status.settings, ...body } };
      return HttpResponse.json(api.status.settings);
    }),
  );
  return bodies;
}

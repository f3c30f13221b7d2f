/**
 * The smoke test's steps, in order, against a running deployment. Each answers pass or fail with
 * the HTTP status and time; a later step runs only when the earlier ones passed.
 */
import { escalationResultSchema, escalationStatusSchema } from '../../shared/escalation.js';
import { integrationStatusSchema } from '../../shared/integration.js';
import { timedRequest, type SmokeHttpOptions, type TimedResponse } from './http.js';

export interface SmokeStep {
  name: string;
  request: string;
  status: 'pass' | 'fail' | 'skip';
  httpStatus: number | null;
  ms: number | null;
  detail: string;
}

export interface SmokeConfig extends SmokeHttpOptions {
  email: string | null;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

const step = (
  name: string,
  request: string,
  r: TimedResponse,
  ok: boolean,
  detail: string,
): SmokeStep => ({
  name,
  request,
  status: ok ? 'pass' : 'fail',
  httpStatus: r.status,
  ms: r.ms,
  detail: ok ? detail : (r.problem ?? detail),
});

const ADMIN_HINT = ' (pass --admin-token or set ADMIN_TOKEN)';

export async function health(c: SmokeConfig): Promise<SmokeStep> {
  const r = await timedRequest(c, 'GET', '/api/health');
  const ok = r.status === 200 && (r.body as { status?: unknown })?.status === 'ok';
  return step('health', 'GET /api/health', r, ok, ok ? 'ok' : 'unexpected answer');
}

export async function ready(c: SmokeConfig): Promise<SmokeStep> {
  const r = await timedRequest(c, 'GET', '/api/ready');
  const body = r.body as { ready?: unknown; checks?: Record<string, unknown> } | null;
  const checks = body?.checks ?? {};
  const summary = `store ${String(checks.store)}, breaker ${String(checks.breaker)}, mode ${String(checks.mode)}`;
  const ok = r.status === 200 && body?.ready === true;
  const result = step('ready', 'GET /api/ready', r, ok, summary);
  if (!ok && body?.checks) result.detail = `not ready: ${summary}`;
  return result;
}

export async function integration(c: SmokeConfig): Promise<SmokeStep> {
  const r = await timedRequest(c, 'GET', '/api/integrations/kustomer', { admin: true });
  const parsed = r.status === 200 ? integrationStatusSchema.safeParse(r.body) : null;
  const s = parsed?.success ? parsed.data : null;
  const detail = s
    ? `${s.mode}, ${s.status}; outbox ${s.outbox.queued} queued, ${s.outbox.dead} dead; store ${s.store}`
    : 'unexpected answer';
  const result = step(
    'integration status',
    'GET /api/integrations/kustomer',
    r,
    s !== null,
    detail,
  );
  if (r.status === 401) result.detail += ADMIN_HINT;
  return result;
}

export async function testEscalation(
  c: SmokeConfig,
): Promise<{ step: SmokeStep; id: string | null }> {
  const r = await timedRequest(c, 'POST', '/api/integrations/kustomer/test-escalation', {
    admin: true,
    json: c.email ? { email: c.email } : {},
  });
  const parsed = escalationResultSchema.safeParse(r.body);
  const result = parsed.success ? parsed.data : null;
  const ok = result !== null && result.status !== 'refused';
  const detail =
    result?.status === 'escalated'
      ? `escalated ${result.escalationId}: conversation ${result.conversationId}, team ${result.team?.name ?? 'none'}`
      : result?.status === 'queued'
        ? `queued ${result.escalationId} (${result.reason})`
        : result?.status === 'refused'
          ? `refused: ${result.message}`
          : 'unexpected answer';
  const s = step(
    'test escalation',
    'POST /api/integrations/kustomer/test-escalation',
    r,
    ok,
    detail,
  );
  if (result?.status === 'refused') s.detail = detail;
  if (r.status === 401) s.detail += ADMIN_HINT;
  return { step: s, id: ok ? result.escalationId : null };
}

/** Polls until the escalation is done (in Kustomer), dead, or the time is up. */
export async function pollEscalation(c: SmokeConfig, id: string): Promise<SmokeStep> {
  const path = `/api/escalations/${encodeURIComponent(id)}`;
  const started = c.now();
  for (let polls = 1; ; polls += 1) {
    // As an admin: the test escalation's chat session is the server's, not ours.
    const r = await timedRequest(c, 'GET', path, { admin: true });
    const parsed = r.status === 200 ? escalationStatusSchema.safeParse(r.body) : null;
    const total = { ...r, ms: Math.round(c.now() - started) };
    if (!parsed?.success)
      return step('escalation status', `GET ${path}`, total, false, 'unexpected answer');
    const s = parsed.data;
    if (s.state === 'done')
      return step(
        'escalation status',
        `GET ${path}`,
        total,
        true,
        `done after ${polls} poll${polls === 1 ? '' : 's'}: conversation ${s.conversationId}`,
      );
    if (s.state === 'dead' || s.state === 'refused')
      return step(
        'escalation status',
        `GET ${path}`,
        total,
        false,
        `${s.state} after ${s.attempts} attempts: see npm run kustomer -- outbox list`,
      );
    if (c.now() - started >= c.pollTimeoutMs)
      return step(
        'escalation status',
        `GET ${path}`,
        total,
        false,
        `still ${s.state} after ${Math.round(c.pollTimeoutMs / 1000)} s (${s.attempts} attempts)`,
      );
    await c.sleep(c.pollIntervalMs);
  }
}

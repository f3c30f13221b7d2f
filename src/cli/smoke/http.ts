/**
 * One timed request of the smoke test: JSON in and out, a per-request timeout, and failures as
 * values (status, the server's error message, or the connection error) rather than exceptions.
 */
export interface SmokeHttpOptions {
  baseUrl: string;
  adminToken: string | null;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
}

export interface TimedResponse {
  status: number | null;
  body: unknown;
  ms: number;
  /** Why there is no usable response, or the server's error message for a non-2xx. */
  problem: string | null;
}

function errorMessage(body: unknown): string | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return error && typeof error.message === 'string'
    ? `${String(error.code ?? 'error')}: ${error.message}`
    : null;
}

function connectionProblem(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return `connection failed${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`;
}

export async function timedRequest(
  options: SmokeHttpOptions,
  method: 'GET' | 'POST',
  path: string,
  init: { admin?: boolean; json?: unknown } = {},
): Promise<TimedResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.admin && options.adminToken) headers.authorization = `Bearer ${options.adminToken}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const started = options.now();
  try {
    const response = await options.fetch(new URL(path, options.baseUrl), {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    const ms = Math.round(options.now() - started);
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return { status: response.status, body: null, ms, problem: 'the answer is not JSON' };
    }
    const problem = response.ok ? null : (errorMessage(body) ?? `HTTP ${response.status}`);
    return { status: response.status, body, ms, problem };
  } catch (error) {
    return {
      status: null,
      body: null,
      ms: Math.round(options.now() - started),
      problem: connectionProblem(error),
    };
  }
}

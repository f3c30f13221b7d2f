/**
 * The browser's only way to the server: fetch /api with JSON, the admin token when one was
 * entered, and every failure turned into an ApiRequestError carrying the server's code, message
 * and field errors. The Kustomer key is never here; the admin token lives in sessionStorage.
 */
import type { ApiErrorBody } from '../shared/api-error.js';

const TOKEN_KEY = 'kustomer-escalation.admin-token';
const API_ROOT = '/api';
let apiBase = API_ROOT;

/**
 * Where the host mounted the API (the server's `prefix`); the Integrations page sets it from its
 * `apiBase` prop. Paths below are written under /api and moved there.
 */
export function setApiBase(base: string): void {
  apiBase = base.replace(/\/+$/, '') || API_ROOT;
}

const resolvePath = (path: string) =>
  path.startsWith(`${API_ROOT}/`) ? apiBase + path.slice(API_ROOT.length) : path;

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const adminToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function apiFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; parse: (value: unknown) => T; acceptStatus?: number[] },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = adminToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(resolvePath(path), {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiRequestError(
      0,
      'network',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok || init.acceptStatus?.includes(response.status)) return init.parse(body);
  // Checked by hand rather than with zod: this module is in the shell chunk every page loads.
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    throw new ApiRequestError(response.status, error.code, error.message, error.fields ?? {});
  }
  throw new ApiRequestError(
    response.status,
    'http_error',
    `The server answered ${response.status}.`,
  );
}

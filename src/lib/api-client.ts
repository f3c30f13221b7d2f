/**
 * The browser's only way to the server: fetch /api with JSON, the admin token when one was
 * entered, and every failure turned into an ApiRequestError carrying the server's code, message
 * and field errors. The Kustomer key is never here; the admin token lives in sessionStorage.
 */
import type { ApiErrorBody } from '../shared/api-error.js';

const TOKEN_KEY = 'kustomer-escalation.admin-token';

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

export interface ApiInit<T> {
  method?: string;
  body?: unknown;
  parse: (value: unknown) => T;
  /** Statuses besides 2xx whose body is an answer, not an error (a 503 `queued`). */
  acceptStatus?: number[];
}

/** `url`: the whole path, base included (see Api for paths under where the API is mounted). */
export async function apiFetch<T>(url: string, init: ApiInit<T>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = adminToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
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

/**
 * The API as mounted at `base` (the server's prefix, `/api` unless the host chose another):
 * paths are written below it, `/integrations/kustomer` for `/api/integrations/kustomer`.
 */
export interface Api {
  readonly base: string;
  fetch<T>(path: string, init: ApiInit<T>): Promise<T>;
}

export const apiAt = (base: string): Api => ({
  base,
  fetch: (path, init) => apiFetch(base + path, init),
});

/**
 * Plain fetch against the sandbox, as any HTTP client would talk to Kustomer.
 */
import type { SandboxHandle } from '../../../src/sandbox/types.js';

export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Kustomer's two error shapes (https://developer.kustomer.com/docs/concepts/errors):
 * `{ code, message, meta }`, or a JSON:API object with `status`, `title`, `detail` and `source`
 * when the error is about a field.
 */
export interface KustomerErrorBody {
  errors: {
    code: string;
    message?: string;
    meta: Record<string, unknown>;
    status?: string;
    title?: string;
    detail?: string;
    source?: { pointer: string };
  }[];
}

export async function api<T = Record<string, unknown>>(
  sandbox: Pick<SandboxHandle, 'url' | 'apiKey'>,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; key?: string | null } = {},
): Promise<ApiReply<T>> {
  const key = options.key === undefined ? sandbox.apiKey : options.key;
  const payload =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as T,
  };
}

/** Creates a customer and a conversation for it; returns their ids. */
export async function seedConversation(sandbox: SandboxHandle, email: string) {
  const customer = await api<{ data: { id: string } }>(sandbox, 'POST', '/v1/customers', {
    body: { emails: [{ email }] },
  });
  const conversation = await api<{ data: { id: string } }>(
    sandbox,
    'POST',
    `/v1/customers/${customer.body.data.id}/conversations`,
    { body: { name: 'Help' } },
  );
  return { customerId: customer.body.data.id, conversationId: conversation.body.data.id };
}

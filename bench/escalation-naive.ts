/**
 * The straightforward way to escalate, as a baseline for the benchmarks: every call in sequence,
 * one request per transcript line, no customer cache, no retries (kustomer-api.md §13 done
 * literally).
 */
import type { EscalationRequest } from '../src/shared/escalation.js';

export interface NaiveOptions {
  baseURL: string;
  apiKey: string;
}

interface Envelope {
  data: { id: string };
}

export function createNaiveEscalator({ baseURL, apiKey }: NaiveOptions) {
  async function send(method: string, path: string, body?: unknown): Promise<Envelope | null> {
    const response = await fetch(`${baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status}`);
    return (await response.json()) as Envelope;
  }

  return async function escalate(request: EscalationRequest): Promise<string> {
    const email = request.customer.email ?? `${request.customer.externalId}@example.invalid`;
    const found = await send('GET', `/v1/customers/email=${encodeURIComponent(email)}`);
    const customer = found ?? (await send('POST', '/v1/customers', { emails: [{ email }] }));
    const customerId = customer!.data.id;
    const conversation = await send('POST', `/v1/customers/${customerId}/conversations`, {
      name: `Chatbot escalation: ${request.intent ?? request.reason}`,
      status: 'open',
      externalId: request.escalationId,
    });
    const conversationId = conversation!.data.id;
    for (const entry of request.transcript) {
      await send('POST', `/v1/conversations/${conversationId}/messages`, {
        channel: 'chat',
        app: 'chatbot',
        direction: entry.role === 'user' ? 'in' : 'out',
        preview: entry.text.slice(0, 10_240),
        externalId: `${request.escalationId}:${entry.id}`,
        sentAt: entry.at,
      });
    }
    await send('POST', `/v1/conversations/${conversationId}/notes`, {
      body: request.summary ?? `Escalated: ${request.reason}`,
    });
    return conversationId;
  };
}

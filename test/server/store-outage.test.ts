/**
 * When the escalation store cannot be reached (Redis down, a full disk), the API says so with a
 * 503 and Retry-After, never a 500 or the driver's message; nothing reaches Kustomer; a webhook
 * delivery is refused so that Kustomer delivers it again, and applies once the store is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownEscalationError } from '../../src/escalation/store.js';
import { toApiError } from '../../src/server/app.js';
import { createMemoryStore, guardStore } from '../../src/escalation/stores/index.js';
import { failingStore } from '../support/failing-store.js';
import { escalationBody, signedWebhook, startHarness, type Harness } from './harness.js';

const REDIS_PASSWORD = 'CANARY-redis-password-5d1e';
const DRIVER_MESSAGE = `connect ECONNREFUSED 10.9.8.7:6379 (redis://default:${REDIS_PASSWORD}@10.9.8.7)`;

/** A memory store that fails every call while `down` is set. */
function switchableStore() {
  const state = { down: false };
  const store = failingStore(
    createMemoryStore(),
    () => state.down,
    () => new Error(DRIVER_MESSAGE),
  );
  return { store, state };
}

let h: Harness;
let outage: { down: boolean };

beforeAll(async () => {
  const { store, state } = switchableStore();
  outage = state;
  h = await startHarness(
    { REDIS_URL: `redis://default:${REDIS_PASSWORD}@10.9.8.7:6379` },
    undefined,
    { store },
  );
});
afterAll(() => h.close());

function signedReply(eventId: string, conversationId: string, messageId: string) {
  return signedWebhook({
    id: eventId,
    name: 'kustomer.message.create',
    data: {
      type: 'message',
      id: messageId,
      attributes: {
        direction: 'out',
        preview: 'Hi Jane, an agent here.',
        createdAt: '2026-11-24T12:00:00.000Z',
      },
      relationships: { conversation: { data: { type: 'conversation', id: conversationId } } },
    },
  });
}

describe('the escalation store is unreachable', () => {
  it('answers an escalation with 503 store_unavailable and Retry-After, and sends nothing to Kustomer', async () => {
    outage.down = true;
    try {
      const response = await h.call('/api/escalations', {
        method: 'POST',
        json: escalationBody('e-store-down'),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const text = await response.text();
      expect(JSON.parse(text).error).toMatchObject({ code: 'store_unavailable' });
      for (const internal of ['ECONNREFUSED', '10.9.8.7', REDIS_PASSWORD, 'at '])
        expect(text).not.toContain(internal);
      expect((await h.call('/api/ready')).status).toBe(503);
    } finally {
      outage.down = false;
    }
    expect(h.sandbox.state().conversations).toHaveLength(0);
    // The operator's log names the cause, without the password in the URL.
    const logged = h.logs.join('\n');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).not.toContain(REDIS_PASSWORD);
    // Once the store is back, the chat's retry with the same id goes through.
    const retried = await h.call('/api/escalations', {
      method: 'POST',
      json: escalationBody('e-store-down'),
    });
    expect(retried.status).toBe(201);
  });

  it('refuses a webhook with 503 so Kustomer delivers it again, and applies the redelivery', async () => {
    const created = await (
      await h.call('/api/escalations', { method: 'POST', json: escalationBody('e-hook-down') })
    ).json();
    const delivery = signedReply('evt-down-1', created.conversationId, '65a1b2c3d4e5f6a7b8c9d0e2');
    outage.down = true;
    const refused = await h.call('/api/webhooks/kustomer', delivery);
    outage.down = false;
    expect(refused.status).toBe(503);
    const redelivered = await h.call('/api/webhooks/kustomer', delivery);
    expect(await redelivered.json()).toEqual({ outcome: 'applied' });
    const status = await (
      await h.call('/api/escalations/e-hook-down?sessionId=chat-e-hook-down')
    ).json();
    expect(status.replies).toEqual([
      expect.objectContaining({ id: '65a1b2c3d4e5f6a7b8c9d0e2', text: 'Hi Jane, an agent here.' }),
    ]);
  });

  it('is not confused with a vanished escalation: the store answered, so 404', async () => {
    const guarded = guardStore(createMemoryStore());
    const error = await guarded.records
      .update('esc-gone', { attempts: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownEscalationError);
    expect(toApiError(error)).toMatchObject({ status: 404, code: 'not_found' });
  });
});

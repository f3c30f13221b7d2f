/**
 * The client's outbound-webhook calls against Kustomer's documented payloads and the sandbox:
 * the documented create body is accepted as it is, the documented events answer parses, and a
 * webhook answer missing what provisioning does not need still parses (only an id is required).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKustomerClient } from '../../src/kustomer/client.js';
import { outboundWebhookResource, subscribableEventsSchema } from '../../src/kustomer/schemas.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/kustomer/recorded/${name}`, import.meta.url), 'utf8'),
  );

let sandbox: SandboxHandle;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(async () => sandbox.close());

const client = () => createKustomerClient({ baseURL: sandbox.url, apiKey: sandbox.apiKey });

describe('outbound webhooks', () => {
  it('sends the documented create body and reads back the webhook with its token', async () => {
    const body = fixture('docs-outbound-webhook-create-request.json') as Parameters<
      ReturnType<typeof client>['outboundWebhooks']['create']
    >[0];
    const created = await client().outboundWebhooks.create(body);
    expect(created).toMatchObject({
      name: 'Conversation sync',
      url: 'https://hooks.example.com/kustomer',
      events: body.events,
      enabled: true,
      headers: [{ name: 'X-Source', value: 'kustomer' }],
      token: expect.stringMatching(/.{16,}/),
    });
    const [listed] = await client().outboundWebhooks.list();
    expect(listed).toMatchObject({ id: created.id, token: null });
    expect((await client().outboundWebhooks.get(created.id))?.token).toBe(created.token);
    expect(await client().outboundWebhooks.remove(created.id)).toBe(true);
    expect(await client().outboundWebhooks.remove(created.id)).toBe(false);
    expect(await client().outboundWebhooks.get(created.id)).toBeNull();
  });

  it("parses the event catalog's events answer, and the sandbox's", async () => {
    const documented = subscribableEventsSchema.parse(fixture('docs-outbound-webhook-events.json'));
    expect(documented.events).toContain('kustomer.conversation.update');
    expect(await client().outboundWebhooks.events()).toEqual(
      expect.arrayContaining(['kustomer.message.create', 'kustomer.conversation.update']),
    );
  });

  it('reads a webhook with nothing but an id and a url, and names a missing id', () => {
    const sparse = outboundWebhookResource.parse({
      id: 'w1',
      attributes: {
        url: 'https://x.example/k',
        events: ['kustomer.message.create', 7],
        headers: 'x',
      },
    });
    expect(sparse.attributes).toEqual({
      name: null,
      url: 'https://x.example/k',
      events: ['kustomer.message.create'],
      enabled: null,
      token: null,
      headers: [],
    });
    const missing = outboundWebhookResource.safeParse({ attributes: {} });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['id']);
  });
});

/**
 * SLA safety of the transcript, over HTTP against the sandbox: the bot's lines reach Kustomer as
 * automation-generated outbound messages (`auto: true`), which an SLA whose first response is
 * based on human interaction never counts; the customer's lines stay ordinary inbound messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KustomerClient } from '../../src/kustomer/types.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { seedConversation } from '../sandbox/support/http.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime } from './support/client.js';

let sandbox: SandboxHandle;
let client: KustomerClient;
beforeAll(async () => {
  sandbox = await startTestSandbox({ bulkJobMs: 0 });
  client = buildClient({ url: sandbox.url, apiKey: sandbox.apiKey }, createFakeTime(), {
    expectedBulkJobMs: 0,
  });
});
afterAll(() => sandbox.close());

const line = (id: string, direction: 'in' | 'out') => ({
  externalId: `sla-1:${id}`,
  direction,
  text: `${direction === 'in' ? 'customer' : 'bot'} ${id}`,
  sentAt: '2026-11-24T10:00:00.000Z',
});

describe("the transcript never passes for a person's first response", () => {
  it.each([
    ['one line at a time', [line('b1', 'out')]],
    ['a bulk job', [line('c1', 'in'), line('b2', 'out'), line('c2', 'in'), line('b3', 'out')]],
  ])('sends bot lines as automation in %s, customer lines as they are', async (_, lines) => {
    const { conversationId } = await seedConversation(sandbox, `sla-${lines.length}@example.com`);
    await client.messages.addTranscript(conversationId, lines);
    const sent = sandbox.state().messages.filter((m) => m.conversationId === conversationId);
    expect(sent).toHaveLength(lines.length);
    for (const message of sent) {
      if (message.direction === 'out') expect(message.auto).toBe(true);
      else expect(message).not.toHaveProperty('auto');
      expect(message.importedAt).not.toBeNull();
    }
    const read = await client.messages.listForConversation(conversationId);
    expect(read.filter((m) => m.direction === 'out').every((m) => m.auto === true)).toBe(true);
  });
});

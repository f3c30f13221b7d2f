/**
 * Conversations (create on a customer, merge update, lookup by externalId, Kustomer's 400 for a
 * body its schema rejects), internal notes, and the team list (every page, then cached).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  isNotFoundError,
  KustomerValidationError,
  type KustomerError,
} from '../../src/kustomer/errors.js';
import type { KustomerClient, UpdateConversationInput } from '../../src/kustomer/types.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime } from './support/client.js';

const TEAMS = Array.from({ length: 1100 }, (_, i) => ({
  id: `5f0000000000000000${(0x100000 + i).toString(16)}`,
  name: `Team ${i + 1}`,
}));

let sandbox: SandboxHandle;
let client: KustomerClient;
let customerId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ teams: TEAMS });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  client = buildClient(sandbox, createFakeTime(), { appUrl: 'https://acme.kustomerapp.com/' });
  customerId = (await client.customers.create({ email: 'conv@example.com' })).id;
});

describe('conversations', () => {
  it('creates one on the customer with every routing field', async () => {
    const created = await client.conversations.create({
      customerId,
      name: 'Chatbot escalation: refund',
      priority: 4,
      assignedTeams: [TEAMS[1]!.id],
      tags: ['chatbot', 'escalated'],
      externalId: 'bot-chat-1',
      custom: { botIntentStr: 'refund', botConfidenceNum: 0.42 },
    });
    expect(created).toMatchObject({ customerId, status: 'open', priority: 4 });
    expect(sandbox.state().conversations).toEqual([
      expect.objectContaining({
        id: created.id,
        customerId,
        name: 'Chatbot escalation: refund',
        status: 'open',
        priority: 4,
        direction: 'in',
        assignedTeams: [TEAMS[1]!.id],
        tags: ['chatbot', 'escalated'],
        externalId: 'bot-chat-1',
        custom: { botIntentStr: 'refund', botConfidenceNum: 0.42 },
      }),
    ]);
    expect(client.conversationUrl(created.id)).toBe(
      `https://acme.kustomerapp.com/app/conversations/${created.id}`,
    );
  });

  it('can be created done', async () => {
    const created = await client.conversations.create({ customerId, name: 'x', status: 'done' });
    expect(sandbox.state().conversations[0]).toMatchObject({ id: created.id, status: 'done' });
  });

  it('merges an update and finds the conversation again by externalId', async () => {
    const created = await client.conversations.create({
      customerId,
      name: 'Help',
      externalId: 'bot-chat-2',
      custom: { botIntentStr: 'refund' },
    });
    const updated = await client.conversations.update(created.id, {
      priority: 5,
      assignedTeams: [TEAMS[2]!.id],
      custom: { botLanguageStr: 'es' },
    });
    expect(updated).toMatchObject({ name: 'Help', priority: 5, assignedTeams: [TEAMS[2]!.id] });
    expect(updated.custom).toEqual({ botIntentStr: 'refund', botLanguageStr: 'es' });
    const found = await client.conversations.getByExternalId('bot-chat-2');
    expect(found).toEqual(updated);
    expect(await client.conversations.get(created.id)).toEqual(updated);
  });

  it('answers null for an unknown externalId or id', async () => {
    expect(await client.conversations.getByExternalId('nope')).toBeNull();
    expect(await client.conversations.get('5f00000000000000000000ee')).toBeNull();
  });

  it('turns a field Kustomer does not know into a ValidationError with its message', async () => {
    const created = await client.conversations.create({ customerId, name: 'Help' });
    const patch = { priority: 3, channel: 'chat' } as UpdateConversationInput;
    const error = await client.conversations.update(created.id, patch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KustomerValidationError);
    const validation = error as KustomerValidationError;
    expect(validation).toMatchObject({
      status: 400,
      transient: false,
      mayHaveLanded: false,
      pointer: '/channel',
      kustomerMessage: '/channel is not an allowed field',
    });
    expect(validation.message).toBe(
      'Kustomer PUT /v1/conversations/{id} failed: 400 (/channel is not an allowed field)',
    );
    // Nothing of the refused update applied: still no priority, as created.
    expect(sandbox.state().conversations[0]!.priority).toBeNull();
  });

  it('reports wrong values and bad custom attribute names with a pointer', async () => {
    const snoozed = await client.conversations
      .create({ customerId, name: 'x', status: 'snoozed' as 'open' })
      .catch((e: KustomerError) => e);
    expect(snoozed).toMatchObject({ code: 'validation', pointer: '/status' });
    expect((snoozed as KustomerValidationError).kustomerMessage).toMatch(/one of open, done/);
    const custom = await client.conversations
      .create({ customerId, name: 'x', custom: { botIntent: 'refund' } })
      .catch((e: KustomerError) => e);
    expect(custom).toMatchObject({ code: 'validation', pointer: '/custom/botIntent' });
    expect(sandbox.state().conversations).toEqual([]);
  });

  it('throws NotFound when creating on a customer that does not exist', async () => {
    const error = await client.conversations
      .create({ customerId: '5f00000000000000000000dd', name: 'x' })
      .catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
  });
});

describe('notes', () => {
  it('adds an internal note and finds it again by externalId', async () => {
    const conversation = await client.conversations.create({ customerId, name: 'Help' });
    const note = await client.notes.create(conversation.id, {
      body: 'Bot summary: wants a refund (intent=refund, conf=0.42)',
      externalId: 'bot-note-1',
    });
    expect(sandbox.state().notes).toEqual([
      expect.objectContaining({
        id: note.id,
        conversationId: conversation.id,
        customerId,
        // The ref line finds the note again even where Kustomer does not echo the externalId.
        body: 'Bot summary: wants a refund (intent=refund, conf=0.42)\n\nRef: bot-note-1',
        externalId: 'bot-note-1',
      }),
    ]);
    expect(await client.notes.findByExternalId(conversation.id, 'bot-note-1')).toEqual(note);
    expect(await client.notes.findByExternalId(conversation.id, 'other')).toBeNull();
  });

  it('keeps a note within the 10,240-character body limit, its ref line included', async () => {
    const conversation = await client.conversations.create({ customerId, name: 'Help' });
    const note = await client.notes.create(conversation.id, { body: 'x'.repeat(12_000) });
    expect(note.body).toHaveLength(10_240);
    expect(note.body?.endsWith('…')).toBe(true);
    const withRef = await client.notes.create(conversation.id, {
      body: 'x'.repeat(12_000),
      externalId: 'long-note',
    });
    expect(withRef.body).toHaveLength(10_240);
    expect(withRef.body?.endsWith('…\n\nRef: long-note')).toBe(true);
  });
});

describe('teams', () => {
  it('follows links.next across every page, then answers from the cache', async () => {
    const teams = await client.teams.list();
    expect(teams).toHaveLength(1100);
    expect(teams[0]).toEqual({ id: TEAMS[0]!.id, name: 'Team 1' });
    expect(teams[1099]).toEqual({ id: TEAMS[1099]!.id, name: 'Team 1100' });
    expect(sandbox.state().requests.byRoute['GET /v1/teams']).toBe(3); // 500 + 500 + 100
    expect(await client.teams.list()).toEqual(teams);
    expect(sandbox.state().requests.byRoute['GET /v1/teams']).toBe(3);
  });

  it('goes back to Kustomer when asked for a fresh list', async () => {
    await client.teams.list();
    await client.teams.list({ fresh: true });
    expect(sandbox.state().requests.byRoute['GET /v1/teams']).toBe(6);
  });
});

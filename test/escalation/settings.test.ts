import { describe, expect, it } from 'vitest';
import {
  SettingsValidationError,
  createSettingsService,
  defaultSettings,
} from '../../src/escalation/settings.js';
import type { Team } from '../../src/kustomer/types.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';

const BILLING = 'b'.repeat(24);
const MISSING = 'f'.repeat(24);

function setup(teams: Team[] = [{ id: BILLING, name: 'Billing' }]) {
  const store = createMemoryStore();
  const lists: boolean[] = [];
  const client = {
    teams: {
      list: async (options?: { fresh?: boolean }) => {
        lists.push(options?.fresh ?? false);
        return teams;
      },
    },
  };
  const service = createSettingsService({
    store,
    client,
    defaults: { defaultPriority: 2, transcriptSync: false },
  });
  return { store, service, lists };
}

describe('createSettingsService', () => {
  it('returns defaults built from configuration until settings are saved', async () => {
    const { service } = setup();
    expect(await service.get()).toEqual({
      ...defaultSettings(),
      defaultPriority: 2,
      transcriptSync: false,
    });
  });

  it('merges a valid patch and saves it', async () => {
    const { service, store } = setup();
    const saved = await service.update({
      defaultTeamId: BILLING,
      routingRules: [{ id: 'r1', intents: ['refund'], teamId: BILLING }],
    });
    expect(saved.defaultTeamId).toBe(BILLING);
    expect(saved.defaultPriority).toBe(2);
    expect(await store.settings.get()).toEqual(saved);
  });

  it('rejects a rule naming a team Kustomer does not have, names the field, saves nothing', async () => {
    const { service, store, lists } = setup();
    const error = await service
      .update({
        enabled: false,
        routingRules: [
          { id: 'ok', intents: ['a'], teamId: BILLING },
          { id: 'bad', intents: ['b'], teamId: MISSING },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsValidationError);
    expect((error as SettingsValidationError).fields).toEqual({
      'routingRules.1.teamId': `team ${MISSING} does not exist in Kustomer`,
    });
    // the cached list was asked first, then a fresh one before giving up
    expect(lists).toEqual([false, true]);
    expect(await store.settings.get()).toBeNull();
  });

  it('rejects an unknown default team and a malformed patch by field', async () => {
    const { service } = setup();
    await expect(service.update({ defaultTeamId: MISSING })).rejects.toMatchObject({
      fields: { defaultTeamId: `team ${MISSING} does not exist in Kustomer` },
    });
    await expect(service.update({ defaultPriority: 9 } as never)).rejects.toMatchObject({
      fields: { defaultPriority: expect.any(String) },
    });
    await expect(service.update({ conversationAttributes: ['plan'] })).rejects.toMatchObject({
      fields: { 'conversationAttributes.0': expect.stringContaining('Str') },
    });
  });

  it('does not ask Kustomer when no team is referenced', async () => {
    const { service, lists } = setup();
    await service.update({ enabled: false, whenDisabled: 'queue' });
    expect(lists).toEqual([]);
  });
});

/**
 * The Integrations settings every instance shares: read from the store, falling back to defaults
 * built from the environment; updates are validated in full (shape, then every team id against
 * Kustomer's team list) before anything is saved.
 */
import type { KustomerClient, Team } from '../kustomer/types.js';
import { fieldErrors } from '../shared/api-error.js';
import {
  NO_TEAM,
  integrationSettingsSchema,
  settingsUpdateSchema,
  usesQueues,
  type IntegrationSettings,
  type SettingsUpdate,
} from '../shared/settings.js';
import { validateRules } from './routing.js';
import type { StorePorts } from './store.js';
import type { SettingsService } from './types.js';

export class SettingsValidationError extends Error {
  readonly code = 'invalid_settings';
  /** Dotted path of the settings body (`routingRules.2.teamId`) -> what is wrong with it. */
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    const first = Object.entries(fields)[0];
    super(first ? `Invalid settings: ${first[0]}: ${first[1]}` : 'Invalid settings');
    this.name = 'SettingsValidationError';
    this.fields = fields;
  }
}

export function isSettingsValidationError(value: unknown): value is SettingsValidationError {
  return value instanceof Error && value.name === 'SettingsValidationError' && 'fields' in value;
}

/** What the environment configures (KUSTOMER_DEFAULT_TEAM_ID, KUSTOMER_ENABLE_SYNC, ...). */
export interface SettingsDefaultsInput {
  /** @default null */
  defaultTeamId?: string | null;
  /** @default 3 */
  defaultPriority?: number;
  /** @default true */
  transcriptSync?: boolean;
  /** @default false */
  debug?: boolean;
}

export function defaultSettings(input: SettingsDefaultsInput = {}): IntegrationSettings {
  return {
    enabled: true,
    whenDisabled: 'refuse',
    defaultTeamId: input.defaultTeamId ?? null,
    defaultPriority: input.defaultPriority ?? 3,
    transcriptSync: input.transcriptSync ?? true,
    debug: input.debug ?? false,
    routingRules: [],
    conversationAttributes: [],
  };
}

export interface SettingsServiceOptions {
  store: StorePorts<'settings'>;
  client: Pick<KustomerClient, 'teams'> & Partial<Pick<KustomerClient, 'routing'>>;
  defaults?: SettingsDefaultsInput | IntegrationSettings;
}

function teamFieldErrors(settings: IntegrationSettings, teams: readonly Team[]) {
  const fields = validateRules(settings.routingRules, teams);
  if (settings.defaultTeamId !== null && !teams.some((t) => t.id === settings.defaultTeamId)) {
    fields.defaultTeamId = `team ${settings.defaultTeamId} does not exist in Kustomer`;
  }
  return fields;
}

function referencesTeams(settings: IntegrationSettings): boolean {
  return (
    settings.defaultTeamId !== null ||
    settings.routingRules.some((r) => r.teamId !== null && r.teamId !== NO_TEAM)
  );
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { store, client } = options;
  const given = options.defaults;
  const defaults: IntegrationSettings =
    given && 'routingRules' in given ? given : defaultSettings(given);

  async function get(): Promise<IntegrationSettings> {
    return (await store.settings.get()) ?? { ...defaults };
  }

  async function checkTeams(next: IntegrationSettings): Promise<void> {
    if (!referencesTeams(next)) return;
    let fields = teamFieldErrors(next, await client.teams.list({ lane: 'background' }));
    // A team created a minute ago may not be in the cached list yet: ask once more, fresh.
    if (Object.keys(fields).length) {
      fields = teamFieldErrors(next, await client.teams.list({ lane: 'background', fresh: true }));
    }
    if (Object.keys(fields).length) throw new SettingsValidationError(fields);
  }

  /** Every queue a rule or the defaults name must be one of Kustomer's (read fresh: rarely saved). */
  async function checkQueues(next: IntegrationSettings): Promise<void> {
    if (!usesQueues(next) || !client.routing) return;
    const queues = await client.routing.listQueues({ lane: 'background', fresh: true });
    const fields = validateRules(next.routingRules, [], 'routingRules', queues);
    for (const key of Object.keys(fields)) if (!key.endsWith('.queueId')) delete fields[key];
    if (next.defaultQueueId && !queues.some((q) => q.id === next.defaultQueueId)) {
      fields.defaultQueueId = `queue ${next.defaultQueueId} does not exist in Kustomer`;
    }
    if (Object.keys(fields).length) throw new SettingsValidationError(fields);
  }

  async function update(patch: SettingsUpdate): Promise<IntegrationSettings> {
    const parsedPatch = settingsUpdateSchema.safeParse(patch);
    if (!parsedPatch.success)
      throw new SettingsValidationError(fieldErrors(parsedPatch.error.issues));
    const merged = integrationSettingsSchema.safeParse({ ...(await get()), ...parsedPatch.data });
    if (!merged.success) throw new SettingsValidationError(fieldErrors(merged.error.issues));
    await checkTeams(merged.data);
    await checkQueues(merged.data);
    await store.settings.save(merged.data);
    return merged.data;
  }

  return { get, update };
}

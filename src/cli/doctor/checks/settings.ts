/** The Integrations settings: they parse, and every team they name exists in Kustomer. */
import { validateRules } from '../../../escalation/routing.js';
import { PRIORITY_LABELS, type Priority } from '../../../shared/priority.js';
import { integrationSettingsSchema } from '../../../shared/settings.js';
import { fieldErrors } from '../../../shared/api-error.js';
import { fail, pass, skip, warn, type Check, type DoctorFacts } from '../types.js';

const SETTINGS_FIX = 'save the settings again in Settings › Integrations';

/** Why a settings check cannot judge: said plainly, as a skip, never as a pass. */
const unreadable = (facts: DoctorFacts) => facts.settingsUnreadable ?? 'settings could not be read';

function teams(facts: DoctorFacts) {
  const outcome = facts.connection?.teams;
  return outcome?.ok ? outcome.value : null;
}

export const settingsValidCheck: Check = (facts) => {
  const title = 'Saved settings valid';
  if (facts.settingsSource === null)
    return skip('settings.valid', title, facts.settingsUnreadable ?? 'no settings to read');
  if (facts.settingsSource === 'environment')
    return pass('settings.valid', title, 'none saved yet: the environment defaults apply');
  if (facts.settingsSource === 'server') {
    const via = facts.store?.readThrough?.ok ? facts.store.readThrough.value : 'the server';
    return facts.settings
      ? pass('settings.valid', title, `read through the running server at ${via}`)
      : fail(
          'settings.valid',
          title,
          `the server at ${via} answered settings that do not parse`,
          SETTINGS_FIX,
        );
  }
  const parsed = integrationSettingsSchema.safeParse(facts.store?.storedSettings);
  if (parsed.success)
    return pass('settings.valid', title, `saved settings parse (${facts.store!.where})`);
  const [field, message] = Object.entries(fieldErrors(parsed.error.issues))[0]!;
  return fail('settings.valid', title, `${field}: ${message}`, SETTINGS_FIX);
};

export const defaultTeamCheck: Check = (facts) => {
  const title = 'Default team exists';
  const { settings } = facts;
  if (!settings) return skip('settings.default-team', title, unreadable(facts));
  if (settings.defaultTeamId === null)
    return warn(
      'settings.default-team',
      title,
      'no default team: escalations that match no routing rule are not assigned to a team',
      'set KUSTOMER_DEFAULT_TEAM_ID or choose a default team in Settings › Integrations',
    );
  const known = teams(facts);
  if (!known) return skip('settings.default-team', title, 'teams could not be listed');
  const team = known.find((t) => t.id === settings.defaultTeamId);
  if (team) return pass('settings.default-team', title, `${team.name} (${team.id})`);
  return fail(
    'settings.default-team',
    title,
    `team ${settings.defaultTeamId} does not exist in Kustomer`,
    'pick an existing team (npm run kustomer -- teams)',
  );
};

export const priorityCheck: Check = (facts) => {
  const title = 'Default priority valid';
  if (facts.settingsSource === null) return skip('settings.priority', title, unreadable(facts));
  const raw =
    facts.settingsSource === 'store' || facts.settingsSource === 'server'
      ? (facts.store?.storedSettings as { defaultPriority?: unknown } | null)?.defaultPriority
      : facts.settings?.defaultPriority;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 5)
    return pass('settings.priority', title, `${raw} (${PRIORITY_LABELS[raw as Priority]})`);
  return fail(
    'settings.priority',
    title,
    `default priority ${JSON.stringify(raw)} is not 1-5`,
    'choose a priority from 1 (lowest) to 5 (urgent) in Settings › Integrations',
  );
};

export const routingRulesCheck: Check = (facts) => {
  const title = 'Routing rules point at existing teams';
  const { settings } = facts;
  if (!settings) return skip('settings.routing', title, unreadable(facts));
  if (settings.routingRules.length === 0)
    return pass('settings.routing', title, 'no routing rules');
  const known = teams(facts);
  if (!known) return skip('settings.routing', title, 'teams could not be listed');
  const problems = Object.entries(validateRules(settings.routingRules, known));
  if (problems.length === 0)
    return pass(
      'settings.routing',
      title,
      `${settings.routingRules.length} rules, every team exists`,
    );
  return fail(
    'settings.routing',
    title,
    problems.map(([field, message]) => `${field}: ${message}`).join('; '),
    'edit the rule in Settings › Integrations and pick an existing team',
  );
};

export const transcriptSyncCheck: Check = (facts) => {
  const { settings } = facts;
  const title = 'Transcript sync on';
  if (!settings) return skip('settings.transcript', title, unreadable(facts));
  if (settings.transcriptSync)
    return pass('settings.transcript', title, 'agents see the chat transcript');
  return warn(
    'settings.transcript',
    title,
    'transcript sync is off: agents see only the summary note',
    'switch Transcript sync on in Settings › Integrations (or KUSTOMER_ENABLE_SYNC=true)',
  );
};

export const enabledCheck: Check = (facts) => {
  const { settings } = facts;
  const title = 'Integration switched on';
  if (!settings) return skip('settings.enabled', title, unreadable(facts));
  if (settings.enabled) return pass('settings.enabled', title, 'escalations go to Kustomer');
  return warn(
    'settings.enabled',
    title,
    `switched off: escalations are ${settings.whenDisabled === 'queue' ? 'queued' : 'refused'}`,
    'switch it on in Settings › Integrations',
  );
};

/**
 * One settings form per tab: `general` (org details, when off, custom attributes, sync, debug)
 * or `routing` (default team and priority, the rules, the trial box). Each sends only its own
 * fields, so saving one tab never overwrites what another is editing.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiRequestError } from '../../../lib/api-client.js';
import { fieldErrors } from '../../../shared/api-error.js';
import type { IntegrationStatus, Team } from '../../../shared/integration.js';
import {
  integrationSettingsSchema,
  settingsUpdateSchema,
  type SettingsUpdate,
} from '../../../shared/settings.js';
import { useSaveSettings } from '../api/save-settings.js';
import { GeneralFields, RoutingDefaults } from './settings-fields.js';
import { DefaultQueue } from './queue-select.js';
import { RoutingRulesEditor } from './routing-rules-editor.js';
import { RoutingTrial } from './routing-trial.js';
import {
  formPath,
  settingsFormSchema,
  toForm,
  toUpdate,
  type SettingsForm as FormValues,
} from './settings-form-schema.js';

const routingPart = integrationSettingsSchema.pick({
  routingRules: true,
  defaultTeamId: true,
  defaultPriority: true,
  defaultQueueId: true,
});

export interface TeamsState {
  list: Team[];
  loading: boolean;
}

const PART_KEYS = {
  general: ['whenDisabled', 'conversationAttributes', 'transcriptSync', 'debug'],
  routing: ['defaultTeamId', 'defaultPriority', 'defaultQueueId', 'routingRules'],
} as const;
export type SettingsPart = keyof typeof PART_KEYS;

function partOf(update: SettingsUpdate, part: SettingsPart): SettingsUpdate {
  return Object.fromEntries(PART_KEYS[part].map((key) => [key, update[key]]));
}

export function SettingsForm({
  status,
  teams,
  part,
}: {
  status: IntegrationStatus;
  teams: TeamsState;
  part: SettingsPart;
}) {
  const save = useSaveSettings();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, control, reset, setError, setValue, getValues, formState } =
    useForm<FormValues>({
      resolver: zodResolver(settingsFormSchema),
      defaultValues: toForm(status.settings),
    });
  const { errors, isDirty } = formState;
  const dirty = useRef(isDirty);
  useEffect(() => {
    dirty.current = isDirty;
  }, [isDirty]);
  // New settings from the server replace an untouched form; so do the teams arriving, as a
  // select shows a saved team only once its option exists. Not on isDirty itself: moving a rule
  // back to where it was makes the form clean, and a reset would remount (and unfocus) the rules.
  useEffect(() => {
    if (!dirty.current) reset(toForm(status.settings));
  }, [status.settings, teams.list, reset]);

  /** The rules being edited, as the server reads them; null while they do not validate. */
  const currentRules = () => {
    const { routingRules, defaultTeamId, defaultPriority, defaultQueueId } = toUpdate(getValues());
    const parsed = routingPart.safeParse({
      routingRules,
      defaultTeamId,
      defaultPriority,
      defaultQueueId,
    });
    return parsed.success ? parsed.data : null;
  };

  /** Puts each error beside its field (focusing the first); the rest go above the button. */
  const place = (fields: Record<string, string>, ruleCount: number, fallback: string) => {
    const unplaced: string[] = [];
    let first = true;
    for (const [path, message] of Object.entries(fields)) {
      const name = formPath(path, ruleCount);
      if (!name) {
        unplaced.push(describe(path, message));
        continue;
      }
      setError(name as keyof FormValues, { message }, { shouldFocus: first });
      first = false;
    }
    setFormError(unplaced.length ? `${fallback} ${unplaced.join('; ')}` : fallback);
  };

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    setFormError(null);
    const rules = values.routingRules.length;
    // The schema the server validates with: the same messages, without the round trip.
    const checked = settingsUpdateSchema.safeParse(partOf(toUpdate(values), part));
    if (!checked.success) {
      place(fieldErrors(checked.error.issues), rules, 'Fix the highlighted settings.');
      return;
    }
    try {
      reset(toForm(await save.mutateAsync(checked.data)));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiRequestError && Object.keys(error.fields).length)
        place(error.fields, rules, 'The server did not accept these settings.');
      else setFormError(error instanceof Error ? error.message : 'Saving failed.');
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${part}-heading`}>
      <h3 id={`${part}-heading`}>{part === 'general' ? 'Settings' : 'Routing'}</h3>
      {part === 'general' ? (
        <GeneralFields status={status} register={register} errors={errors} />
      ) : (
        <>
          <RoutingDefaults register={register} errors={errors} teams={teams} />
          <DefaultQueue register={register} errors={errors} />
          <RoutingRulesEditor
            control={control}
            register={register}
            errors={errors}
            setValue={setValue}
            teams={teams.list}
          />
          <RoutingTrial currentRules={currentRules} />
        </>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : 'Save settings'}
        </button>
        <span aria-live="polite" className="inline-status">
          {saved && !isDirty ? 'Settings saved.' : ''}
        </span>
      </div>
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
    </form>
  );
}

/** `routingRules.1.id` -> `Rule 2: rule id "x" is used twice`. */
function describe(path: string, message: string): string {
  const rule = /^routingRules\.(\d+)/.exec(path);
  return rule ? `Rule ${Number(rule[1]) + 1}: ${message}` : `${path}: ${message}`;
}

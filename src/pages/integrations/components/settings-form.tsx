/** Configure: read-only org details, defaults, sync/debug, and the routing rules; saved together. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiRequestError } from '../../../app/api-client.js';
import { fieldErrors } from '../../../shared/api-error.js';
import type { IntegrationStatus, Team } from '../../../shared/integration.js';
import { integrationSettingsSchema, settingsUpdateSchema } from '../../../shared/settings.js';
import { useSaveSettings } from '../api/save-settings.js';
import { Field } from './field.js';
import { OrgDetails } from './org-details.js';
import { PriorityOptions } from './priority-options.js';
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
});

export interface TeamsState {
  list: Team[];
  loading: boolean;
}

export function SettingsForm({ status, teams }: { status: IntegrationStatus; teams: TeamsState }) {
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
    const { routingRules, defaultTeamId, defaultPriority } = toUpdate(getValues());
    const parsed = routingPart.safeParse({ routingRules, defaultTeamId, defaultPriority });
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
    const checked = settingsUpdateSchema.safeParse(toUpdate(values));
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
    <form onSubmit={onSubmit} noValidate aria-labelledby="configure-heading">
      <h3 id="configure-heading">Configure</h3>
      <OrgDetails status={status} />
      <div className="grid">
        <Field
          label="Default team"
          error={errors.defaultTeamId?.message}
          {...(!teams.loading && teams.list.length === 0
            ? { hint: 'No teams found in Kustomer: create one there first.' }
            : {})}
        >
          <select {...register('defaultTeamId')} aria-busy={teams.loading || undefined}>
            <option value="">{teams.loading ? 'Loading teams…' : 'No team (unassigned)'}</option>
            {teams.list.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Default priority" error={errors.defaultPriority?.message}>
          <select {...register('defaultPriority')}>
            <PriorityOptions />
          </select>
        </Field>
        <Field label="When the integration is off" error={errors.whenDisabled?.message}>
          <select {...register('whenDisabled')}>
            <option value="refuse">Refuse escalations (the chat says so)</option>
            <option value="queue">Keep them in the outbox for later</option>
          </select>
        </Field>
        <Field
          label="Conversation custom attributes"
          hint="Keys defined on your Conversation Klass, comma-separated"
          error={errors.conversationAttributes?.message}
        >
          <input
            {...register('conversationAttributes')}
            placeholder="botIntentStr, botConfidenceNum"
          />
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" {...register('transcriptSync')} /> Sync the chat transcript to the
        conversation timeline
      </label>
      <label className="check">
        <input type="checkbox" {...register('debug')} /> Debug mode (logs every Kustomer call,
        redacted; contact details unmasked)
      </label>
      <RoutingRulesEditor
        control={control}
        register={register}
        errors={errors}
        setValue={setValue}
        teams={teams.list}
      />
      <RoutingTrial currentRules={currentRules} />
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

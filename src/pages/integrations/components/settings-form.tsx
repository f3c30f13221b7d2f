/** Configure: read-only org details, defaults, sync/debug, and the routing rules; saved together. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiRequestError } from '../../../app/api-client.js';
import { PRIORITY_LABELS } from '../../../shared/priority.js';
import type { IntegrationStatus, Team } from '../../../shared/integration.js';
import { useSaveSettings } from '../api/save-settings.js';
import { Field } from './field.js';
import { RoutingRulesEditor } from './routing-rules-editor.js';
import {
  formPath,
  settingsFormSchema,
  toForm,
  toUpdate,
  type SettingsForm as FormValues,
} from './settings-form-schema.js';

export function SettingsForm({ status, teams }: { status: IntegrationStatus; teams: Team[] }) {
  const save = useSaveSettings();
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, control, reset, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(settingsFormSchema),
    defaultValues: toForm(status.settings),
  });
  const { errors, isDirty } = formState;
  useEffect(() => {
    if (!isDirty) reset(toForm(status.settings));
  }, [status.settings, isDirty, reset]);

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    try {
      const next = await save.mutateAsync(toUpdate(values));
      reset(toForm(next));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiRequestError) {
        for (const [path, message] of Object.entries(error.fields))
          setError(formPath(path) as keyof FormValues, { message });
      }
    }
  });

  const keyText = status.key.configured ? `••••••••${status.key.last4 ?? ''}` : 'Not set (sandbox)';
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="configure-heading">
      <h3 id="configure-heading">Configure</h3>
      <dl className="readonly">
        <div>
          <dt>Org</dt>
          <dd>{status.org.subdomain ?? '—'}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{status.org.region?.toUpperCase() ?? '—'}</dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd>
            <code>{keyText}</code>
          </dd>
        </div>
      </dl>
      <p className="hint">
        Org, region and key come from the server's environment; the key never reaches the browser.
      </p>
      <div className="grid">
        <Field label="Default team" error={errors.defaultTeamId?.message}>
          <select {...register('defaultTeamId')}>
            <option value="">No team (unassigned)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Default priority" error={errors.defaultPriority?.message}>
          <select {...register('defaultPriority')}>
            {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {value} – {label}
              </option>
            ))}
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
      <RoutingRulesEditor control={control} register={register} errors={errors} teams={teams} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : 'Save settings'}
        </button>
        <span aria-live="polite" className="inline-status">
          {saved && !isDirty ? 'Settings saved.' : ''}
          {save.error &&
          !(save.error instanceof ApiRequestError && Object.keys(save.error.fields).length)
            ? save.error.message
            : ''}
        </span>
      </div>
    </form>
  );
}

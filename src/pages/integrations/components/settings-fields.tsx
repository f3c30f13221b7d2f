/** The fields of the Settings tab, and the defaults at the top of the Routing tab. */
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { IntegrationStatus } from '../../../shared/integration.js';
import { Field } from './field.js';
import { OrgDetails } from './org-details.js';
import { PriorityOptions } from './priority-options.js';
import type { SettingsForm } from './settings-form-schema.js';

interface FieldProps {
  register: UseFormRegister<SettingsForm>;
  errors: FieldErrors<SettingsForm>;
}

export function GeneralFields({
  status,
  register,
  errors,
}: FieldProps & { status: IntegrationStatus }) {
  return (
    <>
      <OrgDetails status={status} />
      <div className="grid">
        <Field label="When the integration is off" error={errors.whenDisabled?.message}>
          <select {...register('whenDisabled')}>
            <option value="refuse">Refuse (the chat says so)</option>
            <option value="queue">Keep for an email follow-up</option>
          </select>
        </Field>
        <Field
          label="Conversation custom attributes"
          hint="Keys defined on your Conversation Klass, comma-separated, e.g. botIntentStr"
          error={errors.conversationAttributes?.message}
        >
          <input {...register('conversationAttributes')} />
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
    </>
  );
}

export function RoutingDefaults({
  register,
  errors,
  teams,
}: FieldProps & { teams: { list: { id: string; name: string }[]; loading: boolean } }) {
  return (
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
    </div>
  );
}

/**
 * One routing rule's conditions (intent, keyword, reason, attribute), its team, priority and
 * queue, and what it gets out of hours.
 */
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { ESCALATION_REASONS } from '../../../shared/escalation.js';
import { NO_TEAM } from '../../../shared/settings.js';
import type { Team } from '../../../shared/integration.js';
import { OUT_OF_HOURS_CHOICES } from './availability-settings.js';
import { Field } from './field.js';
import type { SettingsForm } from './settings-form-schema.js';
import { IntentChoices } from './intent-choices.js';
import { PriorityOptions } from './priority-options.js';
import { QueueSelect, type QueuesState } from './queue-select.js';

interface Props {
  index: number;
  register: UseFormRegister<SettingsForm>;
  errors: FieldErrors<SettingsForm>;
  teams: Team[];
  queues: QueuesState;
  /** The current intents text and a way to change it, for the known-intent toggles. */
  intents: { value: string; set: (value: string) => void };
}

export function RuleFields({ index, register, errors, teams, queues, intents }: Props) {
  const ruleErrors = errors.routingRules?.[index];
  return (
    <div className="grid">
      <Field label="Name" error={ruleErrors?.name?.message}>
        <input {...register(`routingRules.${index}.name`)} placeholder="Refunds to Billing" />
      </Field>
      <Field
        label="Intents"
        hint="Comma-separated, e.g. refund, billing"
        error={ruleErrors?.intents?.message}
      >
        <input {...register(`routingRules.${index}.intents`)} />
      </Field>
      <IntentChoices value={intents.value} onChange={intents.set} rule={index + 1} />
      <Field
        label="Keywords"
        hint="Words the customer wrote, comma-separated"
        error={ruleErrors?.keywords?.message}
      >
        <input {...register(`routingRules.${index}.keywords`)} />
      </Field>
      <fieldset className="reasons">
        <legend>Reasons</legend>
        {ESCALATION_REASONS.map((reason) => (
          <label key={reason} className="check">
            <input type="checkbox" value={reason} {...register(`routingRules.${index}.reasons`)} />{' '}
            {reason.replace(/_/g, ' ')}
          </label>
        ))}
        {ruleErrors?.reasons?.message && (
          <p className="error" role="alert">
            {ruleErrors.reasons.message}
          </p>
        )}
      </fieldset>
      <Field label="Customer attribute" hint="e.g. plan" error={ruleErrors?.attributeKey?.message}>
        <input {...register(`routingRules.${index}.attributeKey`)} />
      </Field>
      <Field
        label="Attribute equals"
        hint="e.g. enterprise"
        error={ruleErrors?.attributeEquals?.message}
      >
        <input {...register(`routingRules.${index}.attributeEquals`)} />
      </Field>
      <Field label="Team" error={ruleErrors?.teamId?.message}>
        <select {...register(`routingRules.${index}.teamId`)}>
          <option value="">Default team</option>
          <option value={NO_TEAM}>No team (unassigned)</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Priority" error={ruleErrors?.priority?.message}>
        <select {...register(`routingRules.${index}.priority`)}>
          <option value="">Default priority</option>
          <PriorityOptions />
        </select>
      </Field>
      <Field label="Out of hours" error={ruleErrors?.outOfHours?.message}>
        <select {...register(`routingRules.${index}.outOfHours`)}>
          <option value="">As in Business hours (Settings)</option>
          {OUT_OF_HOURS_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      <QueueSelect
        label="Queue"
        emptyLabel="Default queue"
        registration={register(`routingRules.${index}.queueId`)}
        queues={queues}
        error={ruleErrors?.queueId?.message}
      />
    </div>
  );
}

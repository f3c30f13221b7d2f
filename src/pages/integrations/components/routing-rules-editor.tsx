/** Ordered routing rules: first match wins, so order matters and can be changed by keyboard. */
import {
  useFieldArray,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from 'react-hook-form';
import { ESCALATION_REASONS } from '../../../shared/escalation.js';
import { PRIORITY_LABELS } from '../../../shared/priority.js';
import type { Team } from '../../../shared/integration.js';
import { Field } from './field.js';
import { newRule, type SettingsForm } from './settings-form-schema.js';

interface Props {
  control: Control<SettingsForm>;
  register: UseFormRegister<SettingsForm>;
  errors: FieldErrors<SettingsForm>;
  teams: Team[];
}

export function RoutingRulesEditor({ control, register, errors, teams }: Props) {
  const { fields, append, remove, move } = useFieldArray({ control, name: 'routingRules' });
  return (
    <fieldset className="rules">
      <legend>Routing rules</legend>
      <p className="hint">
        Tried in order; the first rule that matches picks the team and priority. No match uses the
        defaults above.
      </p>
      {fields.length === 0 && (
        <p className="empty">No rules yet: every escalation goes to the default team.</p>
      )}
      <ol className="rule-list">
        {fields.map((field, index) => {
          const ruleErrors = errors.routingRules?.[index];
          return (
            <li key={field.id} className="rule" aria-label={`Rule ${index + 1}`}>
              <div className="rule-head">
                <strong>Rule {index + 1}</strong>
                <div className="rule-actions">
                  <button
                    type="button"
                    onClick={() => move(index, index - 1)}
                    disabled={index === 0}
                    aria-label={`Move rule ${index + 1} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(index, index + 1)}
                    disabled={index === fields.length - 1}
                    aria-label={`Move rule ${index + 1} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => remove(index)}
                    aria-label={`Remove rule ${index + 1}`}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <div className="grid">
                <Field label="Name" error={ruleErrors?.name?.message}>
                  <input
                    {...register(`routingRules.${index}.name`)}
                    placeholder="Refunds to Billing"
                  />
                </Field>
                <Field
                  label="Intents"
                  hint="Comma-separated, e.g. refund, billing"
                  error={ruleErrors?.intents?.message}
                >
                  <input {...register(`routingRules.${index}.intents`)} />
                </Field>
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
                      <input
                        type="checkbox"
                        value={reason}
                        {...register(`routingRules.${index}.reasons`)}
                      />{' '}
                      {reason.replace(/_/g, ' ')}
                    </label>
                  ))}
                </fieldset>
                <Field
                  label="Customer attribute"
                  hint="e.g. plan"
                  error={ruleErrors?.attributeKey?.message}
                >
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
                    {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {value} – {label}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => append(newRule())}>
        Add rule
      </button>
    </fieldset>
  );
}

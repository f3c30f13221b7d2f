/** Ordered routing rules: first match wins, so order matters and can be changed by keyboard. */
import { useEffect, useRef, useState } from 'react';
import {
  useFieldArray,
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormRegister,
  type UseFormSetValue,
} from 'react-hook-form';
import type { Team } from '../../../shared/integration.js';
import { useQueuesState } from './queue-select.js';
import { RuleFields } from './rule-fields.js';
import { summarizeRule } from './rule-summary.js';
import { newRule, type SettingsForm } from './settings-form-schema.js';

interface Props {
  control: Control<SettingsForm>;
  register: UseFormRegister<SettingsForm>;
  errors: FieldErrors<SettingsForm>;
  setValue: UseFormSetValue<SettingsForm>;
  teams: Team[];
}

type Direction = 'up' | 'down';

export function RoutingRulesEditor({ control, register, errors, setValue, teams }: Props) {
  const { fields, append, remove, move } = useFieldArray({ control, name: 'routingRules' });
  const queues = useQueuesState();
  const values = useWatch({ control, name: 'routingRules' });
  const [defaultTeamId, defaultPriority] = useWatch({
    control,
    name: ['defaultTeamId', 'defaultPriority'],
  });
  const defaults = { teamId: defaultTeamId, priority: defaultPriority };
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a move the rule's DOM node moves (and loses focus); put focus back on its button.
  const refocus = useRef<{ id: string; direction: Direction } | null>(null);
  useEffect(() => {
    const target = refocus.current;
    if (!target || !listRef.current) return;
    refocus.current = null;
    const rule = listRef.current.querySelector(`[data-rule="${target.id}"]`);
    const same = rule?.querySelector<HTMLButtonElement>(`[data-move="${target.direction}"]`);
    const other = rule?.querySelector<HTMLButtonElement>(
      `[data-move="${target.direction === 'up' ? 'down' : 'up'}"]`,
    );
    (same && !same.disabled ? same : other)?.focus();
  }, [fields]);

  const shift = (index: number, direction: Direction) => {
    const to = direction === 'up' ? index - 1 : index + 1;
    refocus.current = { id: fields[index]!.id, direction };
    move(index, to);
    setAnnouncement(`Rule ${index + 1} moved to position ${to + 1} of ${fields.length}.`);
  };
  const drop = (index: number) => {
    remove(index);
    setAnnouncement(`Rule ${index + 1} removed.`);
    addRef.current?.focus();
  };

  return (
    <fieldset className="rules">
      <legend>Routing rules</legend>
      <p className="hint" id="rules-hint">
        Tried in order; the first rule that matches picks the team and priority. Within a rule,{' '}
        <strong>all the conditions you fill in must match</strong>; within one condition any of its
        comma-separated items is enough. No match uses the default team and priority; so does a rule
        that leaves its team or priority on “Default”.
      </p>
      {fields.length === 0 && (
        <p className="empty">No rules yet: every escalation goes to the default team.</p>
      )}
      <ol className="rule-list" ref={listRef}>
        {fields.map((field, index) => (
          <li key={field.id} className="rule" aria-label={`Rule ${index + 1}`} data-rule={field.id}>
            <div className="rule-head">
              <strong>Rule {index + 1}</strong>
              <div className="rule-actions">
                <button
                  type="button"
                  data-move="up"
                  onClick={() => shift(index, 'up')}
                  disabled={index === 0}
                  aria-label={`Move rule ${index + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  data-move="down"
                  onClick={() => shift(index, 'down')}
                  disabled={index === fields.length - 1}
                  aria-label={`Move rule ${index + 1} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => drop(index)}
                  aria-label={`Remove rule ${index + 1}`}
                >
                  Remove
                </button>
              </div>
            </div>
            <p className="rule-summary">
              {values[index]
                ? summarizeRule(values[index], teams, defaults, queues.data?.queues ?? [])
                : ''}
            </p>
            <RuleFields
              index={index}
              register={register}
              errors={errors}
              teams={teams}
              queues={queues}
              intents={{
                value: values[index]?.intents ?? '',
                set: (text) =>
                  setValue(`routingRules.${index}.intents`, text, { shouldDirty: true }),
              }}
            />
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <button type="button" ref={addRef} onClick={() => append(newRule())}>
        Add rule
      </button>
    </fieldset>
  );
}

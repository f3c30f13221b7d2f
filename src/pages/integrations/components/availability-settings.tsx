/**
 * Business hours: which Kustomer business schedule says when we are open (the org's default
 * unless another is chosen), and what a hand-off gets out of hours or with nobody available.
 * A routing rule may choose otherwise (Routing tab). Saved on its own, as the privacy settings are.
 */
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client.js';
import {
  DEFAULT_AVAILABILITY_SETTINGS,
  type OutOfHoursMode,
} from '../../../shared/availability.js';
import type { IntegrationSettings } from '../../../shared/settings.js';
import { useSchedules } from '../api/get-schedules.js';
import { useSaveSettings } from '../api/save-settings.js';
import { Field } from './field.js';

export const OUT_OF_HOURS_CHOICES: { value: OutOfHoursMode; label: string }[] = [
  {
    value: 'email',
    label: 'Hand off as an email follow-up (the chat says we will reply by email)',
  },
  { value: 'handoff', label: 'Hand off anyway (an agent answers in the chat when we open)' },
  { value: 'ask', label: 'Let the customer choose: a reply by email, or waiting in the chat' },
];

export function AvailabilitySettings({ settings }: { settings: IntegrationSettings }) {
  const current = settings.availability ?? DEFAULT_AVAILABILITY_SETTINGS;
  const [scheduleId, setScheduleId] = useState(current.scheduleId ?? '');
  const [mode, setMode] = useState<OutOfHoursMode>(current.outOfHours);
  const schedules = useSchedules();
  const save = useSaveSettings();
  const fields = save.error instanceof ApiRequestError ? save.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ availability: { scheduleId: scheduleId || null, outOfHours: mode } });
  };
  return (
    <form className="card" aria-labelledby="availability-heading" onSubmit={submit}>
      <h2 id="availability-heading">Business hours</h2>
      <p className="hint">
        The chat tells customers when an agent usually answers, when you open (in the schedule's
        time zone) and when nobody is available. Out of hours the request still reaches Kustomer,
        with a note saying so.
      </p>
      <Field
        label="Business schedule"
        hint={
          (schedules.error?.message ?? schedules.data?.error)
            ? `Kustomer's schedules could not be listed: ${schedules.error?.message ?? schedules.data?.error}`
            : 'From Kustomer (Settings › Business schedules), holidays included.'
        }
        error={fields['availability.scheduleId']}
      >
        <select value={scheduleId} onChange={(e) => setScheduleId(e.target.value)}>
          <option value="">The org's default schedule</option>
          {(schedules.data?.schedules ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.timeZone ? ` (${s.timeZone})` : ''}
              {s.isDefault ? ', default' : ''}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>Out of hours, or with nobody available</legend>
        {OUT_OF_HOURS_CHOICES.map((choice) => (
          <label className="check" key={choice.value}>
            <input
              type="radio"
              name="out-of-hours"
              value={choice.value}
              checked={mode === choice.value}
              onChange={() => setMode(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        Save business hours
      </button>
      {save.isSuccess && <p role="status">Business hours saved.</p>}
      {save.error && !fields['availability.scheduleId'] && <p role="alert">{save.error.message}</p>}
    </form>
  );
}

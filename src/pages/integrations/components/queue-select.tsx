/**
 * A Kustomer queue for a rule or the defaults (Queues and Routing): the conversation also gets a
 * work item there. Lists the org's queues; says why when the key cannot read them.
 */
import type { FieldErrors, UseFormRegister, UseFormRegisterReturn } from 'react-hook-form';
import type { QueuesResponse } from '../../../shared/routing-trial.js';
import { useQueues } from '../api/get-queues.js';
import { Field } from './field.js';
import type { SettingsForm } from './settings-form-schema.js';

export type QueuesState = { data: QueuesResponse | undefined; loading: boolean };

/** The org's queues as the selects read them. */
export function useQueuesState(): QueuesState {
  const queues = useQueues();
  return { data: queues.data, loading: queues.isPending };
}

interface Props {
  label: string;
  /** What "no queue chosen" means here: no queue, or the default queue. */
  emptyLabel: string;
  registration: UseFormRegisterReturn;
  queues: QueuesState;
  error?: string | undefined;
}

export function QueueSelect({ label, emptyLabel, registration, queues, error }: Props) {
  const list = queues.data?.queues ?? [];
  const hint = queues.data?.unavailable
    ? `Queues cannot be listed: ${queues.data.unavailable}.`
    : 'Kustomer Queues and Routing: the conversation also waits in this queue.';
  return (
    <Field label={label} hint={hint} error={error}>
      <select {...registration} aria-busy={queues.loading || undefined}>
        <option value="">{queues.loading ? 'Loading queues…' : emptyLabel}</option>
        {list.map((queue) => (
          <option key={queue.id} value={queue.id}>
            {queue.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The queue of every escalation no rule sends elsewhere. */
export function DefaultQueue({
  register,
  errors,
}: {
  register: UseFormRegister<SettingsForm>;
  errors: FieldErrors<SettingsForm>;
}) {
  return (
    <div className="grid">
      <QueueSelect
        label="Default queue"
        emptyLabel="No queue (team and priority only)"
        registration={register('defaultQueueId')}
        queues={useQueuesState()}
        error={errors.defaultQueueId?.message}
      />
    </div>
  );
}

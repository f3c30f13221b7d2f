/**
 * The sandbox's SLA policies, each with a switch that makes it one the bot transcript would fool
 * (first response not based on human interaction), to see Test connection and the doctor warn.
 */
import { useSandboxSlas, useSetSlaFooled } from '../api/sandbox-slas.js';

export function SandboxSlaControl() {
  const slas = useSandboxSlas();
  const set = useSetSlaFooled();
  if (!slas.data?.length) return null;
  return (
    <fieldset className="sla-control">
      <legend>SLA policies</legend>
      <p className="hint">
        A policy not based on human interaction counts the bot&apos;s transcript lines as the first
        response. Test connection warns about such policies.
      </p>
      {slas.data.map((sla) => {
        const fooled = sla.firstResponse && sla.basedOnHumanInteraction !== true;
        return (
          <label key={sla.id} className="check">
            <input
              type="checkbox"
              checked={fooled}
              disabled={set.isPending}
              onChange={(event) => set.mutate({ id: sla.id, fooled: event.target.checked })}
            />{' '}
            {sla.name}: first response counts any outbound message
          </label>
        );
      })}
      {set.error && (
        <p className="error" role="alert">
          {set.error.message}
        </p>
      )}
    </fieldset>
  );
}

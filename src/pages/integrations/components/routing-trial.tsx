/**
 * "Try a sample escalation against the rules": the server routes the sample with the function
 * real escalations go through and says which rule matched and why each other one did not. It
 * sits inside the settings form, so it has no <form> of its own: Enter runs the trial instead
 * of saving.
 */
import { useState, type KeyboardEvent } from 'react';
import { BOT_INTENTS } from '../../../shared/bot-intents.js';
import { ESCALATION_REASONS, type EscalationReason } from '../../../shared/escalation.js';
import { PRIORITY_LABELS, type Priority } from '../../../shared/priority.js';
import type { RoutingTrialRequest } from '../../../shared/routing-trial.js';
import { useTryRouting } from '../api/try-routing.js';
import { Field } from './field.js';

type Rules = RoutingTrialRequest['rules'];

export function RoutingTrial({ currentRules }: { currentRules: () => Rules | null }) {
  const trial = useTryRouting();
  const [text, setText] = useState('');
  const [intent, setIntent] = useState('');
  const [reason, setReason] = useState<EscalationReason>('user_requested');
  const [usedSaved, setUsedSaved] = useState(false);
  const run = () => {
    if (!text.trim()) return;
    const rules = currentRules();
    setUsedSaved(rules === null);
    trial.mutate({
      text,
      reason,
      ...(intent.trim() ? { intent: intent.trim() } : {}),
      ...(rules ? { rules } : {}),
    });
  };
  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      run();
    }
  };
  return (
    <div className="trial" role="group" aria-labelledby="trial-heading">
      <h4 id="trial-heading">Try a sample escalation against the rules</h4>
      <div className="grid">
        <Field label="The customer wrote" hint="Keywords are looked for here">
          <textarea
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onEnter}
          />
        </Field>
        <Field label="Intent reported by the bot">
          <input
            list="bot-intents"
            value={intent}
            onChange={(e) => setIntent(e.target.value)}
            onKeyDown={onEnter}
          />
        </Field>
        <Field label="Reason">
          <select value={reason} onChange={(e) => setReason(e.target.value as EscalationReason)}>
            {ESCALATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {r.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <datalist id="bot-intents">
        {BOT_INTENTS.map((i) => (
          <option key={i} value={i} />
        ))}
      </datalist>
      <button type="button" onClick={run} disabled={trial.isPending || !text.trim()}>
        {trial.isPending ? 'Trying…' : 'Try the rules'}
      </button>
      <TrialResult trial={trial} usedSaved={usedSaved} />
    </div>
  );
}

function TrialResult({
  trial,
  usedSaved,
}: {
  trial: ReturnType<typeof useTryRouting>;
  usedSaved: boolean;
}) {
  const result = trial.data;
  return (
    <div aria-live="polite">
      {trial.error && <p className="error">{trial.error.message}</p>}
      {result && (
        <>
          <p className="ok">
            {result.ruleId
              ? `Rule ${result.rules.findIndex((r) => r.id === result.ruleId) + 1} matches`
              : 'No rule matches: the defaults apply'}
            {' → '}
            {result.team ? (result.team.name ?? result.team.id) : 'no team'}, priority{' '}
            {PRIORITY_LABELS[result.priority as Priority].toLowerCase()}
            {result.queue ? `, queue ${result.queue.name ?? result.queue.id}` : ''}.
            {usedSaved ? ' (Tried the saved rules: the edited ones have errors.)' : ''}
          </p>
          <ol className="trial-rules" aria-label="Each rule against the sample">
            {result.rules.map((rule, index) => (
              <li key={rule.id} className={rule.matched ? 'pass' : 'fail'}>
                <strong>
                  Rule {index + 1}
                  {rule.name ? ` (${rule.name})` : ''}: {rule.matched ? 'matches' : 'no match'}
                </strong>
                <ul>
                  {rule.checks.map((check) => (
                    <li key={check.condition}>
                      <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span>{' '}
                      <span className="sr-only">{check.ok ? 'holds:' : 'fails:'}</span>{' '}
                      {check.detail}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

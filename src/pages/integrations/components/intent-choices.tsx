/** The intents the bot reports, as toggles that add to or remove from a rule's intents field. */
import { BOT_INTENTS } from '../../../shared/bot-intents.js';
import { splitList } from './settings-form-schema.js';

export function IntentChoices({
  value,
  onChange,
  rule,
}: {
  value: string;
  onChange: (value: string) => void;
  rule: number;
}) {
  const chosen = splitList(value);
  const has = (intent: string) => chosen.some((c) => c.toLowerCase() === intent);
  const toggle = (intent: string) =>
    onChange(
      (has(intent) ? chosen.filter((c) => c.toLowerCase() !== intent) : [...chosen, intent]).join(
        ', ',
      ),
    );
  return (
    <div className="choices" role="group" aria-label={`Intents the bot knows, rule ${rule}`}>
      <span className="hint">The bot knows:</span>
      {BOT_INTENTS.map((intent) => (
        <button
          key={intent}
          type="button"
          className="chip"
          aria-pressed={has(intent)}
          onClick={() => toggle(intent)}
        >
          {intent}
        </button>
      ))}
    </div>
  );
}
